-- Tables: arrays, hashes, the table library, metatables.
local t = {}
for i = 1, 1000 do t[i] = i * 3 % 1001 end
print(#t, t[1], t[500], t[1000])
table.sort(t)
print(t[1], t[2], t[1000])
table.sort(t, function(a, b) return a > b end)
print(t[1], t[2], t[1000])
table.insert(t, 1, -1); table.insert(t, -2)
print(#t, t[1], t[#t], table.remove(t), table.remove(t, 1), #t)
print(table.concat({1, 2, 3, "x", 4.5}, ", "))
print(table.unpack({1, 2, 3}))
local p = table.pack(1, nil, 3)
print(p.n, p[1], p[2], p[3])
print(table.concat(table.move({1, 2, 3, 4, 5}, 2, 4, 1), " "))
-- hash part, with sorted traversal (pairs order is not specified)
local h = {}
for i = 1, 200 do h["k" .. i] = i end
h.k10 = nil
local keys = {}
for k in pairs(h) do keys[#keys + 1] = k end
table.sort(keys)
print(#keys, keys[1], keys[2], keys[#keys])
local sum = 0
for _, v in pairs(h) do sum = sum + v end
print(sum)
-- mixed keys
local m = {[1.0] = "one", [2] = "two", [true] = "yes", x = {y = {z = "deep"}}}
print(m[1], m[2.0], m[true], m.x.y.z)
-- metatables
local Vec = {}
Vec.__index = Vec
function Vec.new(x, y) return setmetatable({x = x, y = y}, Vec) end
function Vec.__add(a, b) return Vec.new(a.x + b.x, a.y + b.y) end
function Vec.__eq(a, b) return a.x == b.x and a.y == b.y end
function Vec.__lt(a, b) return a:len2() < b:len2() end
function Vec.__le(a, b) return a:len2() <= b:len2() end
function Vec.__tostring(v) return "(" .. v.x .. "," .. v.y .. ")" end
function Vec.__len(v) return 2 end
function Vec.__call(v, k) return v[k] end
function Vec.__concat(a, b) return tostring(a) .. tostring(b) end
function Vec:len2() return self.x * self.x + self.y * self.y end
local a, b = Vec.new(1, 2), Vec.new(3, 4)
print(tostring(a + b), a == Vec.new(1, 2), a < b, b <= a, #a, a("y"), a .. b)
local proxy = setmetatable({}, {
  __index = function(_, k) return "default:" .. k end,
  __newindex = function(t2, k, v) rawset(t2, k, v * 2) end,
})
proxy.n = 21
print(proxy.n, proxy.missing, rawget(proxy, "missing"))
-- weak-free inheritance chain
local Base = {hello = function() return "base" end}
local Mid = setmetatable({}, {__index = Base})
local Leaf = setmetatable({}, {__index = Mid})
print(Leaf.hello(), rawequal(Leaf, Leaf), rawlen({1, 2, 3}))
-- next and select
print(next({}), select("#", 1, nil, 3), select(2, "a", "b", "c"), select(-1, 1, 2, 3))
-- integer/float keys normalise
local f = {}
f[2^53] = "big"
print(f[2^53], math.type(2^53), math.type(1), math.type(1.0), 7 // 2, 7.0 // 2, 7 % -3, -7 % 3)
