// Service lookup, appointment display and the day / time choice shared by booking and rescheduling.
#include "web/citizen/common.hpp"

namespace amt::web::citizen {

namespace {
constexpr int window_days = 14;
constexpr int max_windows = 4;
}  // namespace

const Service* bookable_service(const CatalogSnapshot& snapshot, std::string_view id) {
  const Service* service = snapshot.catalog.service(std::string(id));
  if (!service || !service->active || !allows(service->channels, Channel::online)) return nullptr;
  return service;
}

Zone zone_of(const CatalogSnapshot& snapshot, const Id& location_id) {
  const Planner* planner = snapshot.planner(location_id);
  return planner ? planner->zone() : zone("Europe/Berlin");
}

Data appointment_data(const Page& page, const CatalogSnapshot& snapshot, const Service& service,
                      Instant start) {
  const Zone z = zone_of(snapshot, service.location_id);
  Data data;
  data.set("service", page.data_text(service.name));
  data.set("duration", std::to_string(service.duration_minutes));
  data.set("date", page.translations().format_date(page.lang(), start, z));
  data.set("time", page.translations().format_time(start, z));
  if (const Location* location = snapshot.catalog.location(service.location_id)) {
    data.set("place", location->name);
    data.set("address", location->address);
  }
  List documents;
  for (const auto& d : service.documents) documents.push_back(Data("name", page.data_text(d)));
  data.set("documents", Data{documents});
  data.set("has_documents", !service.documents.empty());
  return data;
}

http::Response day_choice(CitizenContext& c, const Page& page, app::AvailabilityRequest request,
                          const Service& service, const ChoiceLinks& links, std::string_view back,
                          std::string_view waitlist) {
  std::optional<app::AvailabilityAnswer> answer;
  for (int window = 0; window < max_windows; ++window) {
    if (answer) request.from = format_date(answer->to + date::days{1});
    request.to = request.from.empty() ? std::string()
                                      : format_date(*parse_date(request.from) + date::days{window_days - 1});
    auto result = c.bookings.availability(request);
    if (!result) {
      if (request.from.empty() || window > 0) break;
      request.from.clear();  // a tampered ?from=: start again from today
      --window;
      continue;
    }
    answer = std::move(*result);
    if (!answer->days.empty()) break;
  }
  if (!answer) return page.message(404, "Page not found", "This page does not exist. Please start again.");

  Data data;
  data.set("service", page.data_text(service.name));
  data.set("back", std::string(back));
  List days;
  for (const DaySlots& day : answer->days) {
    Data item;
    item.set("label", page.translations().format_date(page.lang(), day.date));
    item.set("href", links.times(format_date(day.date)));
    item.set("count", std::to_string(day.slots.size()));
    if (days.empty()) item.set("first", true);
    days.push_back(item);
  }
  data.set("days", Data{days});
  data.set("none", answer->days.empty());
  data.set("waitlist", std::string(waitlist));
  data.set("later", links.days(format_date(answer->to + date::days{1})));
  const LocalDate today = local_date(answer->zone, c.bookings.now());
  if (answer->from > today) data.set("earlier", links.days(""));
  return page.render(200, "days", page.t("Choose a day"), std::move(data));
}

http::Response time_choice(CitizenContext& c, const Page& page, app::AvailabilityRequest request,
                           const Service& service, const ChoiceLinks& links, bool taken) {
  const auto day = parse_date(request.from);
  request.to = request.from;
  auto answer = day ? c.bookings.availability(request) : tl::unexpected(app::Error{});
  if (!answer) return page.message(404, "Page not found", "This page does not exist. Please start again.");

  Data data;
  data.set("service", page.data_text(service.name));
  data.set("date", page.translations().format_date(page.lang(), *day));
  data.set("taken", taken);
  data.set("other_days", links.days(request.from));
  List times;
  for (const DaySlots& d : answer->days)
    for (const Slot& slot : d.slots) {
      Data item;
      item.set("label", page.translations().format_time(slot.start, answer->zone));
      item.set("href", links.pick(format_rfc3339(slot.start, answer->zone)));
      times.push_back(item);
    }
  data.set("none", times.empty());
  data.set("times", Data{times});
  return page.render(200, "times", page.t("Choose a time"), std::move(data));
}

}  // namespace amt::web::citizen
