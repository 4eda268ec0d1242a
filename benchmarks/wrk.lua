-- Used by benchmarks/run.py with wrk: `wrk -t1 -c8 -d10 --latency -s wrk.lua URL -- [MARK]`.
-- With a MARK, every request gets a query string of its own (?b=MARK-1, ?b=MARK-2, ...), so
-- that no cache keyed on the address can answer it; the run gives each load a new MARK, so no
-- later round repeats an address. At the end it prints one line the run reads: wrk's own
-- summary gives the 50th and 99th percentile but not the 95th.

local mark = nil
local counter = 0
local separator = "?"

function init(args)
  mark = args[1]
  if string.find(wrk.path, "?", 1, true) then
    separator = "&"
  end
end

function request()
  if mark == nil then
    return wrk.format(nil, wrk.path)
  end
  counter = counter + 1
  return wrk.format(nil, wrk.path .. separator .. "b=" .. mark .. "-" .. counter)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH {\"requests\": %d, \"duration_us\": %d, \"bytes\": %d, \"p50_us\": %d, " ..
    "\"p95_us\": %d, \"p99_us\": %d, \"max_us\": %d, \"connect\": %d, \"read\": %d, " ..
    "\"write\": %d, \"timeout\": %d, \"status\": %d}\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max, e.connect, e.read,
    e.write, e.timeout, e.status))
end
