-- Coroutines: generators, passing values, wrap, status, errors inside.
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
local s = 0
for v in gen(100) do s = s + v end
print(s)
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "end", 42
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, "x", "y"))
print(coroutine.status(co))
print(coroutine.resume(co))
-- error inside a coroutine
local bad = coroutine.create(function() error("boom") end)
local ok, msg = coroutine.resume(bad)
print(ok, msg, coroutine.status(bad))
-- producer / consumer
local function producer()
  return coroutine.create(function()
    for _, w in ipairs({"alpha", "beta", "gamma"}) do coroutine.yield(w) end
    return nil
  end)
end
local function filter(prod)
  return coroutine.create(function()
    while true do
      local _, w = coroutine.resume(prod)
      if not w then return nil end
      coroutine.yield(w:upper())
    end
  end)
end
local f = filter(producer())
while true do
  local _, w = coroutine.resume(f)
  if not w then break end
  io.write(w, " ")
end
print()
-- isyieldable, running, close
print(coroutine.isyieldable(), select(2, coroutine.running()))
local c2 = coroutine.create(function() coroutine.yield() end)
coroutine.resume(c2)
print(coroutine.close(c2), coroutine.status(c2))
-- many coroutines at once
local cos = {}
for i = 1, 1000 do
  cos[i] = coroutine.wrap(function() local x = i; while true do x = x + i; coroutine.yield(x) end end)
end
local total = 0
for round = 1, 10 do for i = 1, 1000 do total = total + cos[i]() end end
print(total)
-- yield across pcall
local yp = coroutine.wrap(function()
  local ok2, v = pcall(function() coroutine.yield("inside pcall"); return "after" end)
  coroutine.yield(tostring(ok2) .. " " .. v)
end)
print(yp()); print(yp())
-- deep recursion inside a coroutine
local deep = coroutine.wrap(function()
  local function d(n) if n == 0 then return 0 end return 1 + d(n - 1) end
  return d(10000)
end)
print(deep())
