-- string.format and number formatting.
print(string.format("%d %5d %-5d| %05d %+d", 42, 42, 42, 42, 42))
print(string.format("%x %X %#x %o", 255, 255, 255, 8))
print(string.format("%f %.2f %10.3f %-10.1f| %e %.3E", 3.14159, 3.14159, 3.14159, 3.14159, 12345.678, 0.000123))
print(string.format("%g %g %g %g", 100000, 1e20, 0.0001, 1/3))
print(string.format("%a", 1.0))
print(string.format("%s %10s %-10s| %.3s", "str", "right", "left", "truncate"))
print(string.format("%c%c%c", 76, 117, 97))
print(string.format("%q", 1/3), string.format("%q", 42), string.format("%q", math.mininteger))
print(string.format("%%"), string.format("%5.1f%%", 99.44))
print(string.format("%s %s %s", nil, true, {} ~= nil))
print(string.format("%i", -0))
print(1e15, 1e16, 2^63, -2^63, 0.1 + 0.2, 100 // 1, 3 / 2, 10 / 2)
print(math.pi, -math.pi, math.floor(-3.5), math.ceil(-3.5), math.abs(math.mininteger))
print(math.max(1, 5, 3), math.min(2.5, -1), math.fmod(7, 3), math.fmod(-7, 3), math.sqrt(2))
print(math.ult(1, -1), 5 & 3, 5 | 3, 5 ~ 3, ~0, 1 << 62, 1 << 64, -1 >> 1)
print(string.format("%.14g", math.exp(1)), string.format("%.14g", math.log(10)), string.format("%.14g", math.sin(1)))
local rows = {{"name", "qty", "price"}, {"apple", 3, 1.5}, {"banana", 12, 0.25}, {"cherry", 100, 10}}
for _, r in ipairs(rows) do
  if type(r[2]) == "number" then
    print(string.format("%-8s|%5d|%8.2f", r[1], r[2], r[3]))
  else
    print(string.format("%-8s|%5s|%8s", r[1], r[2], r[3]))
  end
end
math.randomseed(42)
local r1 = math.random(1, 1000000)
math.randomseed(42)
print(r1 == math.random(1, 1000000))
