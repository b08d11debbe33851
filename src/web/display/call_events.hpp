// The call display's events as they go over the wire: a "state" event when a display connects
// (the last calls, and which of them it missed since its Last-Event-ID) and a "call" event per new
// call. Only number, room and time: nothing about the person, ever.
#pragma once

#include <string>
#include <string_view>

#include "app/call_feed.hpp"
#include "http/event_stream.hpp"

namespace amt::web {

std::string call_topic(std::string_view location_id);  // "calls:<location>"
// The staff floor pages' topic: a "queue" event with the new queue stamp whenever it changes.
std::string queue_topic(std::string_view location_id);  // "queue:<location>"
http::ServerSentEvent queue_event(std::string_view stamp);
// last_event_id: what the reconnecting display saw last; empty for a fresh page.
http::ServerSentEvent state_event(const app::CallList& recent, std::string_view last_event_id);
http::ServerSentEvent call_event(const app::DisplayCall& call, const app::CallList& recent);

}  // namespace amt::web
