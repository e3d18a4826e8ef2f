-- wrk script of bench/multi.sh: pages, the API index and the probe that queries the
-- database, and one request in ten a write — an organisation added by a signed-in operator
-- (POST /admin/orgs: a row, an audit entry, answered 303). BENCH_COOKIE and BENCH_CSRF carry
-- the operator's session; BENCH_TAG keeps each run's identifiers apart. Each thread counts
-- the 303 answers (acknowledged writes); done() prints their sum for bench/multi.mjs to
-- compare with the database.
local paths = { "/", "/api/v1", "/readyz", "/?lang=en", "/readyz", "/", "/api/v1", "/readyz", "/?lang=en" }
local cookie = os.getenv("BENCH_COOKIE")
local csrf = os.getenv("BENCH_CSRF")
local tag = os.getenv("BENCH_TAG") or "0"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local i = 0
acked = 0
other = 0

request = function()
  i = i + 1
  if cookie and i % 10 == 0 then
    local id = string.format("2.16.886.90%s.%d.%d", tag, tid, i)
    local body = "_csrf=" .. csrf .. "&identifier=" .. id .. "&name=bench+" .. id .. "&level=D"
    return wrk.format("POST", "/admin/orgs", {
      ["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
  end
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Accept-Language"] = "zh-TW" })
end

response = function(status, headers, body)
  if status == 303 then
    acked = acked + 1
  elseif status ~= 200 then
    other = other + 1
  end
end

done = function(summary, latency, requests)
  local a, o = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("acked")
    o = o + t:get("other")
  end
  io.write(string.format("acked writes: %d\nother answers: %d\n", a, o))
end
