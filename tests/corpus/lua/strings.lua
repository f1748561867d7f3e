-- String operations: the string library and string methods.
local s = "The quick brown fox jumps over the lazy dog"
print(#s, s:upper(), s:lower())
print(s:sub(5, 9), s:sub(-3), s:sub(-8, -5), s:sub(100))
print(s:rep(2, "|"), ("ab"):rep(0), ("x"):rep(5))
print(s:reverse())
print(s:byte(1, 5))
print(string.char(72, 105, 33, 0x41))
print(s:find("fox"), s:find("o", 20), s:find("cat"), s:find(".", 1, true))
print(("a,b,,c"):len(), ("%d"):format(42))
local words = {}
for w in s:gmatch("%a+") do words[#words + 1] = w end
print(#words, table.concat(words, "-"))
print(("hello world"):gsub("o", "0"))
print(("hello"):gsub("", "."))
print(("abc"):gsub("%w", "%0%0"))
print(("key = value"):gsub("(%w+) = (%w+)", "%2 = %1"))
print(string.format("%q", 'a "quoted"\n\0 string'))
local parts = {}
for i = 1, 100 do parts[#parts + 1] = tostring(i * i) end
local big = table.concat(parts, ",")
print(#big, big:sub(1, 40))
-- comparisons and coercions
print("a" < "b", "abc" < "abd", "Z" < "a", "" < "a", "10" + 5, "3" * "4")
print(10 .. 20, 1.5 .. "", -0.0 .. "", math.maxinteger .. "")
print(tostring(nil), tostring(true), tonumber("0x10"), tonumber("  12  "),
  tonumber("1e3"), tonumber("z", 36), tonumber("777", 8), tonumber("abc"))
-- utf8
local u = "héllo wörld ✓"
print(utf8.len(u), #u, utf8.char(72, 233, 10003))
for p, c in utf8.codes("añ✓") do io.write(p, ":", c, " ") end
print()
print(utf8.offset(u, 3), utf8.codepoint(u, 1, 3))
-- string.pack
local packed = string.pack("<i4 d z s1", -7, 3.25, "zero", "len")
print(#packed, string.unpack("<i4 d z s1", packed))
print(string.packsize("i4 i8 d"), ("%5.2s|"):format("abc"))
