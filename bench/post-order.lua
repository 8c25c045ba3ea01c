-- wrk -s bench/post-order.lua URL -- PREFIX ORDER_FILE KEY
-- POSTs valid orders with unique orderIds: PREFIX-<thread>-<counter> (PREFIX carries a random part),
-- counts the answers by status and prints them in done() as "WRK status=<code> <count>" lines.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local counter = 0
local head, tail, headers, prefix

function init(args)
  prefix = (args[1] or "burst") .. "-" .. tid
  local file = assert(io.open(args[2], "r"))
  local template = file:read("*a")
  file:close()
  local at = assert(string.find(template, "__ORDER_ID__", 1, true), "order file needs __ORDER_ID__")
  head = string.sub(template, 1, at - 1)
  tail = string.sub(template, at + string.len("__ORDER_ID__"))
  headers = { ["Content-Type"] = "application/json", ["apikey"] = args[3] or "bench-key" }
  statuses = {}
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/api/v3/orders", headers, head .. prefix .. "-" .. counter .. tail)
end

function response(status, hdrs, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do
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
