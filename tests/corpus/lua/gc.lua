-- Garbage collector: churn, weak tables, finalizers, generational mode.
collectgarbage("collect")
local before = collectgarbage("count")
do
  local junk = {}
  for i = 1, 200000 do junk[i % 1000] = {i, tostring(i), {i}} end
end
collectgarbage("collect")
print(collectgarbage("count") < before + 1000)
-- weak values
local weak = setmetatable({}, {__mode = "v"})
weak[1] = {}
local keep = {}
weak[2] = keep
collectgarbage("collect")
print(weak[1] == nil, weak[2] == keep)
-- weak keys
local wk = setmetatable({}, {__mode = "k"})
wk[{}] = 1
wk[keep] = 2
collectgarbage("collect")
local n = 0
for _ in pairs(wk) do n = n + 1 end
print(n)
-- finalizers run, in reverse order of marking
local order = {}
for i = 1, 5 do setmetatable({}, {__gc = function() order[#order + 1] = i end}) end
collectgarbage("collect")
table.sort(order)
print(#order, table.concat(order, ","))
-- generational and incremental modes
print(collectgarbage("generational"))
for i = 1, 100000 do local t = {i} end
print(collectgarbage("incremental"))
for i = 1, 100000 do local t = {i} end
print(collectgarbage("isrunning"))
collectgarbage("stop")
print(collectgarbage("isrunning"))
collectgarbage("restart")
print(collectgarbage("step", 0) ~= nil)
-- strings are collected too
local s = {}
for i = 1, 50000 do s[i] = ("str" .. i):rep(3) end
s = nil
collectgarbage("collect")
print("done")
