-- wrk script of HttpMeasurement (benchmarks/measure.sh http).
-- With LOAD_TOKENS=<file> (one line per customer: "<customer id> <token>") each request asks for the routine of a
-- random customer of the file, with that customer's bearer token (a token is bound to its customer); without it,
-- wrk sends its URL as is (the liveness endpoint).
-- done() prints one machine-readable line that HttpMeasurement parses.

local tokens_file = os.getenv("LOAD_TOKENS")
local customers = {}
local tokens = {}

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  -- each wrk thread has its own Lua state: a seed of its own, or all threads would ask for the same customers
  math.randomseed(os.time() * 100 + (thread_number or 0))
  if tokens_file then
    for line in io.lines(tokens_file) do
      local customer, token = line:match("^(%S+) (%S+)$")
      if customer then
        customers[#customers + 1] = customer
        tokens[#tokens + 1] = token
      end
    end
  end
end

if tokens_file then
  function request()
    local i = math.random(1, #customers)
    return wrk.format(nil, "/api/recommendations/" .. customers[i], { ["Authorization"] = "Bearer " .. tokens[i] })
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d status_errors=%d connect=%d read=%d write=%d timeout=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
