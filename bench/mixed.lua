-- wrk script of bench/multi.sh: requests spread over pages, the API index and the probe
-- that queries the database. Write requests join the list when the modules with write
-- endpoints (identity, VANS uploads) arrive; see bench/multi.mjs.
local paths = { "/", "/api/v1", "/readyz", "/?lang=en", "/readyz" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Accept-Language"] = "zh-TW" })
end
