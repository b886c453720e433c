-- wrk script for the fault test: like report.lua, plus a count of responses per second, status
-- code and X-Page-Cache header (WRK_TIMELINE {"<unix second>:<status>:<hit|miss|->": count}),
-- merged over all threads. Socket errors and timeouts get no response, so they only appear in
-- the WRK_JSON totals.

local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  counts = {}
end

response = function(status, headers, body)
  local cache = headers["X-Page-Cache"] or headers["x-page-cache"] or "-"
  local key = tostring(os.time()) .. ":" .. tostring(status) .. ":" .. cache
  counts[key] = (counts[key] or 0) + 1
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, '
      .. '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, '
      .. '"p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
  local merged = {}
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("counts") or {}) do
      merged[key] = (merged[key] or 0) + count
    end
  end
  local parts = {}
  for key, count in pairs(merged) do
    table.insert(parts, string.format('"%s": %d', key, count))
  end
  io.write("WRK_TIMELINE {" .. table.concat(parts, ", ") .. "}\n")
end
