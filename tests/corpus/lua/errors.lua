-- Errors: error/pcall/xpcall, error objects, levels, runtime errors.
print(pcall(error, "plain"))
print(select(2, pcall(error, {code = 7})).code)
print(select(2, pcall(error, setmetatable({}, {__tostring = function() return "custom" end}))) ~= nil)
local ok, e = pcall(function() local t = nil; return t.x end)
print(ok, (e:gsub("^.-:%d+: ", "")))
ok, e = pcall(function() return 1 + {} end)
print(ok, (e:gsub("^.-:%d+: ", "")))
ok, e = pcall(function() return #5 end)
print(ok, (e:gsub("^.-:%d+: ", "")))
ok, e = pcall(function() return ("x") < 1 end)
print(ok, (e:gsub("^.-:%d+: ", "")))
ok, e = pcall(function() error("lvl2", 2) end)
print(ok, e)
ok, e = pcall(function() error() end)
print(ok, e)
print(xpcall(function() error("x") end, function(m) return "handled: " .. m:gsub("^.-:%d+: ", "") end))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
-- nested pcall and rethrow
local function inner() error({level = "inner"}) end
local function outer()
  local ok2, err = pcall(inner)
  error({level = "outer", cause = err.level})
end
ok, e = pcall(outer)
print(ok, e.level, e.cause)
-- error in metamethod
local mt = setmetatable({}, {__index = function() error("no field") end})
ok, e = pcall(function() return mt.x end)
print(ok, (e:gsub("^.-:%d+: ", "")))
-- stack overflow is caught
local function rec() return 1 + rec() end
ok, e = pcall(rec)
print(ok, e:find("stack overflow") ~= nil)
-- string to number errors
ok, e = pcall(function() return "abc" + 1 end)
print(ok, (e:gsub("^.-:%d+: ", "")))
-- assert
print(pcall(assert, false, "assert msg"))
print(pcall(assert, 1 == 1, "unused"))
print(select("#", assert(1, 2, 3)))
-- tostring of integers overflowing
print(math.maxinteger + 1 == math.mininteger, math.tointeger(3.0), math.tointeger(3.5))
ok, e = pcall(function() return 1 // 0 end)
print(ok, (e:gsub("^.-:%d+: ", "")))
print(1 / 0, -1 / 0, 1.0 // 0, math.huge)
-- error with traceback
local tb = select(2, xpcall(function() error("tb") end, debug.traceback))
print(tb:find("stack traceback") ~= nil)
-- close with error
ok, e = pcall(function()
  local x <close> = setmetatable({}, {__close = function(_, err) print("closing, err:", (err:gsub("^.-:%d+: ", ""))) end})
  error("in scope")
end)
print(ok, (e:gsub("^.-:%d+: ", "")))
