-- wrk script of HttpMeasurement (benchmarks/measure.sh http).
-- With LOAD_CUSTOMERS=n each request asks for the routine of a random one of customers <LOAD_PREFIX>0 .. n-1,
-- with the bearer token in LOAD_TOKEN; without it, wrk sends its URL as is (the liveness endpoint).
-- done() prints one machine-readable line that HttpMeasurement parses.

local customers = tonumber(os.getenv("LOAD_CUSTOMERS") or "0")
local prefix = os.getenv("LOAD_PREFIX") or "c-load-"
local token = os.getenv("LOAD_TOKEN")

if token then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  -- each wrk thread has its own Lua state: a seed of its own, or all threads would ask for the same customers
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

if customers > 0 then
  function request()
    return wrk.format(nil, "/api/recommendations/" .. prefix .. math.random(0, customers - 1))
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d status_errors=%d connect=%d read=%d write=%d timeout=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
