-- wrk script: request the paths listed in the file named by $WRK_PATHS (one a line) in turn,
-- each thread from its own starting point, then print the summary like report.lua. Used by
-- benchmarks/goals.py to load many different pages (page-cache misses, varied searches).

local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  if line ~= "" then paths[#paths + 1] = line end
end
local counter = 0
local threads_seen = 0

setup = function(thread)
  thread:set("start", threads_seen * 7919)
  threads_seen = threads_seen + 1
end

request = function()
  counter = counter + 1
  local path = paths[((start or 0) + counter) % #paths + 1]
  return wrk.format("GET", path)
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
end
