// Handlers of the call display. The page is a static frame (its script fills it from the event
// stream), so it renders the same for everyone; the stream starts with the current state.
#include "web/display/display_routes.hpp"

#include "http/security_headers.hpp"
#include "web/display/call_events.hpp"

namespace amt::web {

namespace {

// The browser reconnects this long after the stream ends (server restart, network drop).
constexpr std::string_view retry_field = "retry: 1000\n\n";

http::Response page(DisplayContext& context, const http::Request& request) {
  const Page page(context.site, request);
  auto snapshot = context.catalogs.current();
  const Location* location = snapshot->catalog.location(std::string(request.param("location")));
  if (location == nullptr) return page.message(404, "Page not found", "This page does not exist. Please start again.");
  Data data;
  data.set("lang", page.lang());
  data.set("dir", app::is_right_to_left(page.lang()) ? "rtl" : "ltr");
  data.set("location_name", location->name);
  data.set("events_url", "/display/" + location->id + "/events");
  data.set("css_display", context.site.static_files.url("display.css"));
  data.set("js_display", context.site.static_files.url("display.js"));
  auto response = http::Response::text(200, context.site.templates.render("display/page", page.lang(), data),
                                       "text/html; charset=utf-8");
  http::add_security_headers(response);
  response.set("Content-Language", page.lang());
  return response;
}

http::Response events(DisplayContext& context, const http::Request& request) {
  const std::string location_id(request.param("location"));
  const std::string last_id = http::last_event_id(request);
  http::EventStream stream;
  bool full = false;
  // Subscribing inside open(): a call is either in this first state or published to us after it.
  const bool known = context.feed.open(location_id, [&](const app::CallList& recent) {
    stream.subscription = context.hub.subscribe(call_topic(location_id));
    if (!stream.subscription) {
      full = true;
      return;
    }
    stream.initial = std::string(retry_field) + http::encode_event(state_event(recent, last_id));
  });
  if (!known) return http::Response::problem(404, "Not Found", "There is no such location.");
  if (full) {
    auto busy = http::Response::problem(503, "Service Unavailable", "Too many displays are connected.");
    busy.set("Retry-After", "5");
    return busy;
  }
  return http::event_stream_response(std::move(stream));
}

}  // namespace

void add_display_routes(http::Router& router, DisplayContext& context) {
  router.get("/display/{location}", [&context](const http::Request& r) { return page(context, r); });
  router.get("/display/{location}/events", [&context](const http::Request& r) { return events(context, r); });
}

app::CallFeed::Publish publish_to(http::EventHub& hub) {
  return [&hub](const Id& location_id, const app::DisplayCall& call, const app::CallList& recent) {
    hub.publish(call_topic(location_id), call_event(call, recent));
  };
}

app::CallFeed::QueueChanged publish_queue_to(http::EventHub& hub) {
  return [&hub](const Id& location_id, const std::string& stamp) {
    hub.publish(queue_topic(location_id), queue_event(stamp));
  };
}

app::CallFeed::Audience audience_of(http::EventHub& hub) {
  return [&hub](const Id& location_id) {
    return hub.subscribers(call_topic(location_id)) > 0 || hub.subscribers(queue_topic(location_id)) > 0;
  };
}

}  // namespace amt::web
