-- wrk -s bench/get-paths.lua URL -- PATHS_FILE KEY
-- GETs random paths from PATHS_FILE (one per line) at full speed; prints status counts in done().
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local paths = {}
local headers

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  headers = { ["apikey"] = args[2] or "bench-key" }
  math.randomseed(os.time() + #paths)
  statuses = {}
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

function response(status, hdrs, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get("statuses")) do
      totals[code] = (totals[code] or 0) + n
    end
  end
  for code, n in pairs(totals) do
    io.write(string.format("WRK status=%d %d\n", code, n))
  end
  local e = summary.errors
  io.write(string.format("WRK requests=%d seconds=%.3f rps=%.1f socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
