// The waiting-room call display (Aufrufanzeige): the page /display/{location} and its event
// stream /display/{location}/events. Both need no sign-in: they show only ticket numbers and rooms.
#pragma once

#include "app/call_feed.hpp"
#include "app/catalog_snapshot.hpp"
#include "http/event_stream.hpp"
#include "http/router.hpp"
#include "web/page.hpp"

namespace amt::web {

struct DisplayContext {
  app::CallFeed& feed;
  http::EventHub& hub;
  app::CatalogHolder& catalogs;
  Site site;
};

void add_display_routes(http::Router& router, DisplayContext& context);

// The feed's publish and audience functions for a hub: every call becomes a "call" event on the
// location's topic, every queue change a "queue" event on its queue topic, and a location is
// followed while some display or staff floor page listens.
app::CallFeed::Publish publish_to(http::EventHub& hub);
app::CallFeed::QueueChanged publish_queue_to(http::EventHub& hub);
app::CallFeed::Audience audience_of(http::EventHub& hub);

}  // namespace amt::web
