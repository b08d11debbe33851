-- wrk script for POST /api/v1/bookings: every request books a different start for a new contact.
-- Usage: wrk ... -s bench/booking.lua <url> -- <starts-file> [run-tag] [service] [location]
-- The starts file holds one RFC 3339 start per line (bench/run takes them from the availability
-- API). Each thread walks the list from its own offset, so concurrent requests rarely aim at the
-- same start, and cycles when it reaches the end: a start takes as many bookings as it has free
-- capacity, later ones get 409. done() prints the status counts as "booking-statuses: ..." lines.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local starts = {}
local position = 1
local sent = 0
local tag, service, location
ok201, conflict409, other = 0, 0, 0

function init(args)
  local path = args[1] or error("booking.lua needs the starts file as its first argument")
  tag = args[2] or "run"
  service = args[3] or "submit-documents"
  location = args[4] or "mainz"
  for line in io.lines(path) do
    if #line > 0 then starts[#starts + 1] = line end
  end
  if #starts == 0 then error("booking.lua: no starts in " .. path) end
  -- Spread the threads over the list: thread k starts k/threads of the way in.
  position = (thread_id * 7919) % #starts + 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local start = starts[position]
  position = position % #starts + 1
  sent = sent + 1
  local body = string.format(
    '{"location":"%s","service":"%s","start":"%s","contact":{"name":"Bench %d","email":"b-%s-%d-%d@example.org"}}',
    location, service, start, sent, tag, thread_id, sent)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status == 201 then
    ok201 = ok201 + 1
  elseif status == 409 then
    conflict409 = conflict409 + 1
  else
    other = other + 1
    if other <= 3 then io.stderr:write("booking.lua: status " .. status .. ": " .. body .. "\n") end
  end
end

function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("ok201")
    b = b + thread:get("conflict409")
    c = c + thread:get("other")
  end
  io.write(string.format("booking-statuses: 201=%d 409=%d other=%d\n", a, b, c))
end
