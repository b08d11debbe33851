// The first steps of booking: choose a concern (/), see what it needs (/book/{service}), choose a
// day and a time. The flow's state travels in the links, so every step works without JavaScript.
#include <map>

#include "web/citizen/common.hpp"
#include "web/url.hpp"

namespace amt::web::citizen {

namespace {

std::string book_path(std::string_view service, std::string_view step = {}) {
  std::string path = "/book/" + percent_encode(service);
  if (!step.empty()) path.append("/").append(step);
  return path;
}

// Links of the booking flow; customer number and surname (responsible caseworker) ride along.
ChoiceLinks booking_links(const std::string& service, const std::string& customer_number,
                          const std::string& surname) {
  return {
      [=](std::string_view from) {
        return book_path(service, "day") +
               query_string({{"from", std::string(from)}, {"cn", customer_number}, {"sn", surname}});
      },
      [=](std::string_view date) {
        return book_path(service, "time") +
               query_string({{"date", std::string(date)}, {"cn", customer_number}, {"sn", surname}});
      },
      [=](std::string_view start) {
        return book_path(service, "details") +
               query_string({{"start", std::string(start)}, {"cn", customer_number}, {"sn", surname}});
      },
  };
}

http::Response home(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const auto snapshot = c.catalogs.current();
  std::map<std::string, List> groups;
  std::vector<std::string> order;
  for (const Service& s : snapshot->catalog.services) {
    if (!bookable_service(*snapshot, s.id)) continue;
    if (!groups.count(s.group)) order.push_back(s.group);
    Data item;
    item.set("name", page.data_text(s.name));
    if (page.lang() != "de") item.set("german", s.name);  // the word on letters from the office
    item.set("description", page.data_text(s.description));
    item.set("href", book_path(s.id));
    groups[s.group].push_back(item);
  }
  List list;
  for (const auto& name : order) {
    Data group;
    group.set("name", page.data_text(name));
    group.set("services", Data{groups[name]});
    list.push_back(group);
  }
  Data data;
  data.set("groups", Data{list});
  data.set("none", order.empty());
  return page.render(200, "home", page.t("Book an appointment"), std::move(data));
}

http::Response concern(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const auto snapshot = c.catalogs.current();
  const Service* service = bookable_service(*snapshot, request.param("service"));
  if (!service) return page.message(404, "Page not found", "This page does not exist. Please start again.");
  Data data;
  data.set("service", page.data_text(service->name));
  if (page.lang() != "de") data.set("german", service->name);
  data.set("description", page.data_text(service->description));
  data.set("duration", std::to_string(service->duration_minutes));
  List documents;
  for (const auto& d : service->documents) documents.push_back(Data("name", page.data_text(d)));
  data.set("documents", Data{documents});
  data.set("has_documents", !service->documents.empty());
  data.set("action", book_path(service->id, "day"));
  data.set("responsible", service->routing == Routing::responsible);
  data.set("cn", request.query_param("cn").value_or(""));
  data.set("sn", request.query_param("sn").value_or(""));
  return page.render(200, "concern", page.data_text(service->name), std::move(data),
                     service->routing == Routing::responsible ? book_path(service->id) : "");
}

app::AvailabilityRequest availability_request(const Service& service, const http::Request& request) {
  app::AvailabilityRequest r;
  r.location_id = service.location_id;
  r.service_id = service.id;
  r.customer_number = request.query_param("cn").value_or("");
  r.name = request.query_param("sn").value_or("");
  return r;
}

http::Response days(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const auto snapshot = c.catalogs.current();
  const Service* service = bookable_service(*snapshot, request.param("service"));
  if (!service) return page.message(404, "Page not found", "This page does not exist. Please start again.");
  auto r = availability_request(*service, request);
  r.from = request.query_param("from").value_or("");
  const auto links = booking_links(service->id, r.customer_number, r.name);
  return day_choice(c, page, r, *service, links,
                    book_path(service->id) + query_string({{"cn", r.customer_number}, {"sn", r.name}}),
                    c.waitlist ? book_path(service->id) + "/waitlist" : std::string());
}

http::Response times(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const auto snapshot = c.catalogs.current();
  const Service* service = bookable_service(*snapshot, request.param("service"));
  if (!service) return page.message(404, "Page not found", "This page does not exist. Please start again.");
  auto r = availability_request(*service, request);
  r.from = request.query_param("date").value_or("");
  return time_choice(c, page, r, *service, booking_links(service->id, r.customer_number, r.name),
                     request.query_param("taken").has_value());
}

}  // namespace

// Shared with the details pages: where "choose another time" leads after a refused booking.
std::string booking_times_url(const std::string& service, std::string_view date,
                              const std::string& customer_number, const std::string& name) {
  return booking_links(service, customer_number, name).times(date) + "&taken=1";
}

}  // namespace amt::web::citizen

namespace amt::web {

void add_booking_pages(http::Router& router, CitizenContext& c) {
  using namespace citizen;
  router.get("/", [&c](const http::Request& r) { return home(c, r); });
  router.get("/book/{service}", [&c](const http::Request& r) { return concern(c, r); });
  router.get("/book/{service}/day", [&c](const http::Request& r) { return days(c, r); });
  router.get("/book/{service}/time", [&c](const http::Request& r) { return times(c, r); });
}

}  // namespace amt::web
