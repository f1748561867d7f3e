-- A benchmark-like workload: sieve, n-body-ish float math, string
-- building, table churn, sorting, closures.  SCALE (arg[1]) sets the size.
local scale = tonumber(arg and arg[1]) or 1
local function sieve(n)
  local comp, count = {}, 0
  for i = 2, n do
    if not comp[i] then
      count = count + 1
      for j = i * i, n, i do comp[j] = true end
    end
  end
  return count
end
local function nbody(steps)
  local bodies = {}
  for i = 1, 5 do bodies[i] = {x = i, y = i * 2, z = -i, vx = 0, vy = 0, vz = 0, m = 1 / i} end
  for _ = 1, steps do
    for i = 1, #bodies do
      local bi = bodies[i]
      for j = i + 1, #bodies do
        local bj = bodies[j]
        local dx, dy, dz = bi.x - bj.x, bi.y - bj.y, bi.z - bj.z
        local d2 = dx * dx + dy * dy + dz * dz + 0.01
        local mag = 0.001 / (d2 * math.sqrt(d2))
        bi.vx = bi.vx - dx * bj.m * mag; bj.vx = bj.vx + dx * bi.m * mag
        bi.vy = bi.vy - dy * bj.m * mag; bj.vy = bj.vy + dy * bi.m * mag
        bi.vz = bi.vz - dz * bj.m * mag; bj.vz = bj.vz + dz * bi.m * mag
      end
    end
    for _, b in ipairs(bodies) do
      b.x = b.x + 0.001 * b.vx; b.y = b.y + 0.001 * b.vy; b.z = b.z + 0.001 * b.vz
    end
  end
  return string.format("%.6f", bodies[1].x + bodies[2].y + bodies[3].z)
end
local function strings(n)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = ("item%05d"):format(i):upper():rep(2) end
  local s = table.concat(parts, ";")
  local cnt = 0
  for _ in s:gmatch("ITEM%d%d%d%d0") do cnt = cnt + 1 end
  return #s, cnt
end
local function churn(n)
  local t, sum = {}, 0
  for i = 1, n do
    t[i % 997] = {i, i * 2, tostring(i)}
    sum = sum + #t[i % 997][3]
  end
  return sum
end
local function sorting(n)
  local a, x = {}, 12345
  for i = 1, n do x = (x * 1103515245 + 12345) % 2147483648; a[i] = x end
  table.sort(a)
  local ok = true
  for i = 2, n do if a[i - 1] > a[i] then ok = false end end
  return ok, a[1], a[n]
end
local function closures(n)
  local acc = 0
  for i = 1, n do
    local f = function(y) return y + i end
    acc = acc + f(1)
  end
  return acc
end
print("sieve", sieve(200000 * scale))
print("nbody", nbody(20000 * scale))
print("strings", strings(20000 * scale))
print("churn", churn(200000 * scale))
print("sort", sorting(100000 * scale))
print("closures", closures(300000 * scale))
