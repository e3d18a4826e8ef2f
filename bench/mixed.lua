-- wrk script of bench/multi.sh: pages, the API index and the probe that queries the
-- database, and one request in ten a write. Half the writes are a signed-in operator adding
-- an organisation (POST /admin/orgs with the session cookie and CSRF token: a row, an audit
-- entry, answered 303), half an asset created through the JSON API with an API key
-- (POST /api/v1/assets: the asset, its upload record, matching; answered 201).
-- BENCH_COOKIE, BENCH_CSRF and BENCH_APIKEY carry the credentials; BENCH_TAG keeps each
-- run's identifiers apart. Each thread counts the acknowledged writes (303, 201); done()
-- prints the sums for bench/multi.mjs to compare with the database.
local paths = { "/", "/api/v1", "/readyz", "/?lang=en", "/readyz", "/", "/api/v1", "/readyz", "/?lang=en" }
local cookie = os.getenv("BENCH_COOKIE")
local csrf = os.getenv("BENCH_CSRF")
local apikey = os.getenv("BENCH_APIKEY")
local tag = os.getenv("BENCH_TAG") or "0"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local i = 0
orgs = 0
assets = 0
other = 0

request = function()
  i = i + 1
  if cookie and i % 20 == 0 then
    local id = string.format("2.16.886.90%s.%d.%d", tag, tid, i)
    local body = "_csrf=" .. csrf .. "&identifier=" .. id .. "&name=bench+" .. id .. "&level=D"
    return wrk.format("POST", "/admin/orgs", {
      ["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
  end
  if apikey and i % 20 == 10 then
    local body = string.format('{"identifier":"bench-%s-%d-%d","name":"Edge","vendor":"Microsoft","version":"118.0"}',
      tag, tid, i)
    return wrk.format("POST", "/api/v1/assets", {
      ["Authorization"] = "Bearer " .. apikey, ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Accept-Language"] = "zh-TW" })
end

response = function(status, headers, body)
  if status == 303 then
    orgs = orgs + 1
  elseif status == 201 then
    assets = assets + 1
  elseif status ~= 200 then
    other = other + 1
  end
end

done = function(summary, latency, requests)
  local o, a, x = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("orgs")
    a = a + t:get("assets")
    x = x + t:get("other")
  end
  io.write(string.format("acked organisations: %d\nacked assets: %d\nother answers: %d\n", o, a, x))
end
