-- Closures, upvalues, varargs, recursion, goto.
local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() return n end
end
local inc, get = counter()
for _ = 1, 10 do inc() end
print(get())
local fns = {}
for i = 1, 5 do fns[i] = function() return i * 10 end end
print(fns[1](), fns[3](), fns[5]())
local function compose(...)
  local fs = {...}
  return function(x)
    for i = #fs, 1, -1 do x = fs[i](x) end
    return x
  end
end
print(compose(function(x) return x + 1 end, function(x) return x * 2 end)(5))
local function varsum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...) or 0) end
  return s, select("#", ...)
end
print(varsum(1, 2, nil, 4))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print(ack(2, 3))
-- tail calls do not grow the stack
local function loop(n) if n == 0 then return "done" end return loop(n - 1) end
print(loop(100000))
-- memoize
local function memoize(f)
  local cache = {}
  return function(x)
    local v = cache[x]
    if v == nil then v = f(x); cache[x] = v end
    return v
  end
end
local calls = 0
local slow = memoize(function(x) calls = calls + 1; return x * x end)
print(slow(4), slow(4), slow(5), calls)
-- goto and nested breaks
local out = {}
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    out[#out + 1] = i .. j
    ::continue::
  end
end
print(table.concat(out, " "))
-- shared upvalues between closures
local function pair()
  local v = 0
  return function(x) v = x end, function() return v end
end
local set, peek = pair()
set(99)
print(peek())
-- load with environment
local env = {x = 5}
local chunk = load("return x * 2", "chunk", "t", env)
print(chunk())
print(load("syntax error here"))
-- integer for loops and float steps
local acc = {}
for x = 1, 2, 0.25 do acc[#acc + 1] = x end
print(table.concat(acc, " "))
for i = 10, 1, -3 do io.write(i, " ") end
print()
-- to-be-closed variables
do
  local log = {}
  do
    local a <close> = setmetatable({}, {__close = function() log[#log + 1] = "a" end})
    local b <close> = setmetatable({}, {__close = function() log[#log + 1] = "b" end})
    local c <const> = 3
    log[#log + 1] = tostring(c)
  end
  print(table.concat(log, ","))
end
