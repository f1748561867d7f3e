-- Odds and ends: io to a temp file, os, debug, require of a module,
-- integer division and string<->number round trips.
local name = os.tmpname()
local f = assert(io.open(name, "w"))
for i = 1, 100 do f:write(i, "\t", i * i, "\n") end
f:close()
local total, lines = 0, 0
for l in io.lines(name) do
  local a, b = l:match("(%d+)\t(%d+)")
  total = total + tonumber(b); lines = lines + 1
end
print(lines, total)
f = assert(io.open(name, "r"))
print(f:read("n", "n"), f:seek("set", 0), f:read("l"), #f:read("a"))
f:close()
os.remove(name)
print(io.open("/nonexistent/file") == nil, type(os.time()), type(os.clock()), os.getenv("NO_SUCH_VAR_TF"))
print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365))
print(os.time({year = 2000, month = 1, day = 1, hour = 12}) - os.time({year = 2000, month = 1, day = 1, hour = 0}))
-- debug library
local function where() local info = debug.getinfo(1, "Sl"); return info.short_src:match("[^/]*$"), info.currentline end
print(where())
local function locals() local a, b = 1, "two"; local n1, v1 = debug.getlocal(1, 1); local n2, v2 = debug.getlocal(1, 2); return n1, v1, n2, v2 end
print(locals())
local up = 5
local function useup() return up end
print(debug.getupvalue(useup, 1))
-- package.loaded / a module defined with package.preload
package.preload["mymod"] = function(modname) return {name = modname, add = function(a, b) return a + b end} end
local mm = require("mymod")
print(mm.name, mm.add(2, 3), require("mymod") == mm)
-- number <-> string round trips
for _, v in ipairs({0.1, 1/3, 1e300, -1e-300, 123456789012, 2^53 + 1}) do
  io.write(tostring(tonumber(tostring(v)) == v), " ")
end
print()
print(string.format("%.17g", 0.1), math.floor(2^31 + 0.5), 0x7fffffffffffffff + 0 == math.maxinteger)
