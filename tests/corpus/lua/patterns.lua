-- Pattern matching: find, match, gmatch, gsub with captures and classes.
print(("hello world from lua"):match("^(%w+)"), ("key=val"):match("(%w+)=(%w+)"))
print(("  trim me  "):match("^%s*(.-)%s*$") .. "|")
print(("2024-01-15"):match("(%d+)-(%d+)-(%d+)"))
print(("THE (quick) fox"):find("%((%a+)%)"))
print(("f(a(b)c)d"):match("%b()"), ("[[x]]"):match("%b[]"))
print(("THE (quick) fox"):gsub("%f[%a]%a+", function(w) return w:lower() end))
print(("abc123def456"):gsub("%d+", function(d) return "<" .. tonumber(d) * 2 .. ">" end))
print(("$name is $age"):gsub("%$(%w+)", {name = "Ann", age = 30}))
print(("hello"):gsub("l+", "L"), ("hello"):gsub("x*", "-"))
print(("one two  three"):gsub("%s+", " ", 1))
print(("a.b.c"):gsub("%.", "/"))
print(("x = 1, y = 22, z = 333"):gsub("(%w+) = (%d+)", "%2=%1"))
for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do io.write(k, v, ";") end
print()
print(("aaa"):match("a-b"), ("aaab"):match("a-b"), ("aaa"):match("^a*$"), ("ab"):match("a?b"))
print(("%d"):gsub("%%", "%%%%"))
print(("CamelCaseString"):gsub("(%u)", " %1"))
print(string.rep("ab", 3):find("ba", 1, true), ("a+b"):find("+", 1, true))
print(("hello"):match("()ll()"))
print(("  x"):find("^%s*"), ("abc"):match(".-$"))
-- a tiny tokenizer
local src = "local x = 10 + y * (3 - z) -- comment"
local toks = {}
local i = 1
while i <= #src do
  local s, e = src:find("^%s+", i)
  if s then i = e + 1
  elseif src:find("^%-%-", i) then break
  else
    local tok = src:match("^[%a_][%w_]*", i) or src:match("^%d+", i) or src:sub(i, i)
    toks[#toks + 1] = tok
    i = i + #tok
  end
end
print(#toks, table.concat(toks, " "))
-- csv
local line = 'a,"b,c",d,"e ""q"""'
local fields = {}
local pos = 1
while pos <= #line + 1 do
  local c = line:sub(pos, pos)
  if c == '"' then
    local txt = ""
    local p = pos + 1
    while true do
      local a, b = line:find('"', p)
      txt = txt .. line:sub(p, a - 1)
      if line:sub(b + 1, b + 1) == '"' then txt = txt .. '"'; p = b + 2
      else pos = b + 2; break end
    end
    fields[#fields + 1] = txt
  else
    local e = line:find(",", pos) or #line + 1
    fields[#fields + 1] = line:sub(pos, e - 1)
    pos = e + 1
  end
end
print(#fields, table.concat(fields, "|"))
