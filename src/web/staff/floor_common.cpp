// Shared pieces of the reception and desk pages: rows, colleagues, flash messages, the live part.
#include <algorithm>
#include <array>
#include <utility>

#include "app/ticket_day.hpp"
#include "web/display/call_events.hpp"
#include "web/staff/floor.hpp"
#include "web/url.hpp"

namespace amt::web::staff::floor {

namespace {

// The retry field: a browser whose stream ended (server restart, network drop) comes back after 1 s.
constexpr std::string_view retry_field = "retry: 1000\n\n";

const char* kind_msgid(TicketKind k) {
  switch (k) {
    case TicketKind::emergency: return "Emergency";
    case TicketKind::appointment: return "Appointment";
    case TicketKind::walk_in: return "Walk-in";
  }
  return "Walk-in";
}

const char* status_msgid(TicketStatus s) {
  switch (s) {
    case TicketStatus::waiting: return "waiting";
    case TicketStatus::called: return "called";
    case TicketStatus::in_service: return "in service";
    case TicketStatus::done: return "done";
    case TicketStatus::no_show: return "did not come";
    case TicketStatus::cancelled: return "cancelled";
  }
  return "waiting";
}

// The flash messages a page may show: the query's key -> msgid. Anything else is ignored.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> done_messages{{
    {"called", "Called:"},
    {"recalled", "Called again:"},
    {"no_show", "Marked as not come:"},
    {"started", "Conversation started:"},
    {"finished", "Finished:"},
    {"requeued", "Back in the queue:"},
    {"handed", "Handed over:"},
    {"already", "You still have a visitor. Finish or hand over this ticket before calling the next one:"},
    {"nobody", "Nobody is waiting whom you may call."},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> problem_messages{{
    {"changed", "Someone was quicker: this ticket changed just now. The page shows the current state."},
    {"colleague", "This ticket is with a colleague."},
    {"gone", "There is no such ticket here today."},
    {"unknown_colleague", "Please choose a colleague from the list."},
    {"no_staff", "Your account is not linked to a staff member with a room, so it cannot call visitors."},
    {"busy", "You still have a visitor. Finish or hand over that ticket before calling another one."},
    {"taken", "Someone else has just called this ticket, or it is no longer waiting. Please choose another one."},
}};

template <std::size_t N>
std::optional<std::string_view> lookup(const std::array<std::pair<std::string_view, std::string_view>, N>& table,
                                       std::string_view key) {
  for (const auto& [k, msgid] : table)
    if (k == key) return msgid;
  return std::nullopt;
}

bool is_ticket_number(std::string_view s) {
  return !s.empty() && s.size() <= 8 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

long long seconds(Instant t) { return static_cast<long long>(t.time_since_epoch().count()); }

}  // namespace

const Location* location_of(const app::CatalogSnapshot& snapshot, const StaffAccount& account) {
  if (!account.location_id.empty()) return snapshot.catalog.location(account.location_id);
  const Staff* staff = snapshot.catalog.staff_member(account.staff_id);
  return staff ? snapshot.catalog.location(staff->location_id) : nullptr;
}

Data ticket_row(const StaffPage& page, const app::CatalogSnapshot& snapshot, const Location& location,
                const Ticket& t, Instant now) {
  const Zone z = amt::zone(location.time_zone);
  const app::Translations& tr = app::Translations::builtin();
  const auto waited = std::chrono::duration_cast<std::chrono::minutes>(now - t.issued_at).count();
  Data d;
  d.set("id", t.id);
  d.set("number", t.number);
  d.set("kind", page.t(kind_msgid(t.kind)));
  d.set("emergency", t.kind == TicketKind::emergency);
  d.set("status", page.t(status_msgid(t.status)));
  d.set("issued", tr.format_time(t.issued_at, z));
  d.set("issued_epoch", std::to_string(seconds(t.issued_at)));
  d.set("waited", std::to_string(std::max<long long>(0, waited)));
  d.set("room", t.room);
  if (t.appointment_start) d.set("appointment_time", tr.format_time(*t.appointment_start, z));
  if (const Service* s = snapshot.catalog.service(t.service_id)) d.set("service", s->name);
  if (const Staff* s = snapshot.catalog.staff_member(t.staff_id)) {
    d.set("staff_name", s->name);
    d.set("staff_room", s->room);
  }
  return d;
}

List colleagues(const app::CatalogSnapshot& snapshot, const Id& location_id, const Id& except_staff_id) {
  std::vector<const Staff*> people;
  for (const Staff& s : snapshot.catalog.staff)
    if (s.active && s.location_id == location_id && s.id != except_staff_id) people.push_back(&s);
  std::sort(people.begin(), people.end(), [](const Staff* a, const Staff* b) { return a->name < b->name; });
  List list;
  for (const Staff* s : people) {
    Data item;
    item.set("id", s->id);
    item.set("name", s->name);
    item.set("room", s->room);
    list.push_back(item);
  }
  return list;
}

std::vector<Ticket> waiting_in_order(const std::vector<Ticket>& today) {
  std::vector<Ticket> waiting;
  for (const Ticket& t : today)
    if (t.status == TicketStatus::waiting) waiting.push_back(t);
  std::sort(waiting.begin(), waiting.end(), called_before);
  return waiting;
}

std::optional<Ticket> ticket_here(const std::vector<Ticket>& today, std::string_view id) {
  const auto it = std::find_if(today.begin(), today.end(), [&](const Ticket& t) { return t.id == id; });
  if (it == today.end()) return std::nullopt;
  return *it;
}

std::string after_post(std::string_view path, std::string_view key, std::string_view value, std::string_view number) {
  std::string target = std::string(path) + "?" + std::string(key) + "=" + percent_encode(value);
  if (!number.empty()) target += "&number=" + percent_encode(number);
  return target;
}

void add_flash(const StaffPage& page, const http::Request& request, Data& data) {
  const std::string number = request.query_param("number").value_or("");
  const bool numbered = is_ticket_number(number);
  if (const auto msgid = lookup(done_messages, request.query_param("did").value_or(""))) {
    data.set("done", page.t(*msgid));
    if (numbered) data.set("done_number", number);
  }
  if (const auto msgid = lookup(problem_messages, request.query_param("problem").value_or("")))
    data.set("problem", page.t(*msgid));
}

std::string problem_key(const app::Error& error) {
  if (error.kind == app::ErrorKind::not_found) return "gone";
  if (error.kind == app::ErrorKind::validation) return "unknown_colleague";
  if (error.detail == "This ticket is with a colleague.") return "colleague";
  if (error.detail == app::desk_busy) return "busy";
  return "changed";
}

void add_live(Data& data, std::string_view events_path, const std::vector<Ticket>& today, Instant now,
              const app::TicketPolicy& policy) {
  data.set("events_url", std::string(events_path));
  data.set("stamp", app::queue_stamp(today));
  data.set("now_epoch", std::to_string(seconds(now)));
  data.set("alarm_seconds", std::to_string(std::chrono::duration_cast<std::chrono::seconds>(policy.alarm_after).count()));
}

http::Response queue_events(StaffContext& c, const http::Request& request, const Id& location_id) {
  if (request.header("accept").find("text/event-stream") == std::string_view::npos)
    return http::Response::problem(406, "Not Acceptable", "This is an event stream (Accept: text/event-stream).");
  if (c.feed == nullptr || c.hub == nullptr)
    return http::Response::problem(503, "Service Unavailable", "Live updates are not available.");
  http::EventStream stream;
  // Subscribed inside open(): any change after it is published to us; the stamp read below is at
  // least as new as the state we subscribed to.
  const bool known = c.feed->open(location_id, [&](const app::CallList&) {
    stream.subscription = c.hub->subscribe(queue_topic(location_id));
  });
  if (!known) return http::Response::problem(404, "Not Found", "There is no such location.");
  if (!stream.subscription) {
    auto busy = http::Response::problem(503, "Service Unavailable", "Too many pages are connected.");
    busy.set("Retry-After", "5");
    return busy;
  }
  stream.initial = std::string(retry_field) +
                   http::encode_event(queue_event(app::queue_stamp(c.tickets->today(location_id))));
  return http::event_stream_response(std::move(stream));
}

}  // namespace amt::web::staff::floor
