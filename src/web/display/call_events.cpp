// JSON for the call display's events, written by hand: a handful of fixed fields.
#include "web/display/call_events.hpp"

#include "http/text.hpp"

namespace amt::web {

namespace {

void append_string(std::string& out, std::string_view name, std::string_view value) {
  out += '"';
  out += name;
  out += "\":\"";
  http::append_json_escaped(out, value);
  out += '"';
}

void append_call(std::string& out, const app::DisplayCall& call) {
  out += '{';
  append_string(out, "id", call.id());
  out += ',';
  append_string(out, "number", call.number);
  out += ',';
  append_string(out, "room", call.room);
  out += ',';
  append_string(out, "time", call.time);
  out += '}';
}

void append_calls(std::string& out, std::string_view name, const app::CallList& calls) {
  out += '"';
  out += name;
  out += "\":[";
  for (std::size_t i = 0; i < calls.size(); ++i) {
    if (i > 0) out += ',';
    append_call(out, calls[i]);
  }
  out += ']';
}

}  // namespace

std::string call_topic(std::string_view location_id) { return "calls:" + std::string(location_id); }

std::string queue_topic(std::string_view location_id) { return "queue:" + std::string(location_id); }

// No id: a reconnecting page gets the current stamp first anyway.
http::ServerSentEvent queue_event(std::string_view stamp) {
  std::string data = "{";
  append_string(data, "stamp", stamp);
  data += '}';
  return {"queue", std::move(data), ""};
}

http::ServerSentEvent state_event(const app::CallList& recent, std::string_view last_event_id) {
  app::CallList missed;
  if (!last_event_id.empty()) {
    for (const auto& call : recent)
      if (app::called_after(call, last_event_id)) missed.push_back(call);
  }
  std::string data = "{";
  append_calls(data, "recent", recent);
  data += ',';
  append_calls(data, "missed", missed);
  data += '}';
  // Without calls the event has no id, so a reconnecting display keeps the one it had.
  return {"state", std::move(data), recent.empty() ? std::string() : recent.front().id()};
}

http::ServerSentEvent call_event(const app::DisplayCall& call, const app::CallList& recent) {
  std::string data = "{";
  data += "\"call\":";
  append_call(data, call);
  data += ',';
  append_calls(data, "recent", recent);
  data += '}';
  return {"call", std::move(data), call.id()};
}

}  // namespace amt::web
