// Runs the availability scenarios in tests/scenarios/: small text files a team lead can read (one
// office day: staff, skills, plans, bookings) with the free start times they must produce. Each
// file is one test, Scenario.Runs/<file name>. The format is described in tests/scenarios/README.md.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/availability.hpp"
#include "core/time.hpp"

namespace amt {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<std::string> split(const std::string& text, char by) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, by);) out.push_back(part);
  return out;
}

LocalDate date_of(const std::string& text) {
  const auto d = parse_date(text);
  if (!d) throw std::runtime_error("not a date: " + text);
  return *d;
}

LocalTime time_of(const std::string& text) {
  const auto t = parse_time(text);
  if (!t) throw std::runtime_error("not a time: " + text);
  return *t;
}

TimeRange range_of(const std::string& text) {  // 08:00-12:00
  const auto parts = split(text, '-');
  if (parts.size() != 2) throw std::runtime_error("not a time range: " + text);
  return {time_of(parts[0]), time_of(parts[1])};
}

// "Mon-Fri", "Thu", "Mon,Wed": weekday indices, Monday = 0.
std::vector<int> days_of(const std::string& text) {
  static const std::vector<std::string> names{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  auto index = [&](const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) throw std::runtime_error("not a weekday: " + name);
    return static_cast<int>(it - names.begin());
  };
  std::vector<int> out;
  for (const auto& part : split(text, ',')) {
    const auto ends = split(part, '-');
    for (int d = index(ends.front()); d <= index(ends.back()); ++d) out.push_back(d);
  }
  return out;
}

struct Expectation {
  std::string service;
  LocalDate day;
  std::vector<Id> chain;
  std::string free;  // "08:00x1 08:15x2", or "none"
  int line;
};

struct Scenario {
  Catalog catalog;
  std::vector<Appointment> booked;
  Instant now{};
  std::vector<Expectation> expectations;
};

class Reader {
 public:
  Scenario read(const fs::path& file) {
    std::ifstream in(file);
    s_.catalog.locations.push_back(Location{});
    location().id = "office";
    int number = 0;
    for (std::string line; std::getline(in, line);) {
      ++number;
      if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
      const auto w = words(line);
      if (w.empty()) continue;
      try {
        apply(w, line, number);
      } catch (const std::exception& e) {
        throw std::runtime_error(file.filename().string() + ":" + std::to_string(number) + ": " + e.what());
      }
    }
    return std::move(s_);
  }

 private:
  Location& location() { return s_.catalog.locations.front(); }
  Zone zone() { return amt::zone(location().time_zone); }
  Instant instant(const std::string& day, const std::string& time) {
    return resolve(zone(), at(date_of(day), time_of(time))).earliest;
  }

  void apply(const std::vector<std::string>& w, const std::string& line, int number) {
    const std::string& kind = w[0];
    if (kind == "office" && w.size() == 3) {
      for (int d : days_of(w[1])) location().opening_hours[static_cast<std::size_t>(d)].push_back(range_of(w[2]));
    } else if (kind == "grid" && w.size() == 2) {
      location().slot_minutes = std::stoi(w[1]);
    } else if (kind == "closed" && w.size() == 2) {
      location().closures.push_back(date_of(w[1]));
    } else if (kind == "service" && w.size() >= 3) {
      service(w);
    } else if (kind == "staff" && w.size() >= 4) {
      staff(w);
    } else if (kind == "absent" && w.size() == 4) {
      const auto r = split(w[3], '-');
      s_.catalog.absences.push_back({"absence-" + std::to_string(number), w[1], instant(w[2], r.at(0)),
                                      instant(w[2], r.at(1)), ""});
    } else if (kind == "booked" && (w.size() == 6 || (w.size() == 7 && w[6] == "fixed"))) {
      booked(w);
    } else if (kind == "now" && w.size() == 3) {
      s_.now = instant(w[1], w[2]);
    } else if (kind == "free" && w.size() >= 3) {
      expect(w, line, number);
    } else {
      throw std::runtime_error("cannot read this line: " + line);
    }
  }

  // service <id> <minutes> [responsible] [lead <minutes>] [horizon <days>]
  void service(const std::vector<std::string>& w) {
    Service s;
    s.id = w[1];
    s.location_id = "office";
    s.name = w[1];
    s.duration_minutes = std::stoi(w[2]);
    s.lead_time_minutes = 0;
    s.horizon_days = 365;
    for (std::size_t i = 3; i < w.size(); ++i) {
      if (w[i] == "responsible") s.routing = Routing::responsible;
      else if (w[i] == "lead") s.lead_time_minutes = std::stoi(w.at(++i));
      else if (w[i] == "horizon") s.horizon_days = std::stoi(w.at(++i));
      else throw std::runtime_error("unknown service option " + w[i]);
    }
    s_.catalog.services.push_back(s);
  }

  // staff <id> <skill,skill> <days> <HH:MM-HH:MM> [break <HH:MM-HH:MM>] [deputies <a,b>]
  void staff(const std::vector<std::string>& w) {
    Staff s;
    s.id = w[1];
    s.location_id = "office";
    s.name = w[1];
    s.skills = split(w[2], ',');
    std::sort(s.skills.begin(), s.skills.end());
    const auto days = days_of(w[3]);
    std::size_t i = 4;
    WorkDay plan;
    for (; i < w.size() && std::isdigit(static_cast<unsigned char>(w[i][0])); ++i) plan.shifts.push_back(range_of(w[i]));
    for (; i < w.size(); ++i) {
      if (w[i] == "break") plan.breaks.push_back(range_of(w.at(++i)));
      else if (w[i] == "deputies") s.deputies = split(w.at(++i), ',');
      else throw std::runtime_error("unknown staff option " + w[i]);
    }
    for (int d : days) s.plan[static_cast<std::size_t>(d)] = plan;
    s_.catalog.staff.push_back(s);
  }

  // booked <id> <service> <staff> <date> <HH:MM> [fixed]
  void booked(const std::vector<std::string>& w) {
    const Service* s = s_.catalog.service(w[2]);
    if (s == nullptr) throw std::runtime_error("unknown service " + w[2]);
    Appointment a;
    a.id = a.code = w[1];
    a.location_id = "office";
    a.service_id = w[2];
    a.staff_id = w[3];
    a.start = instant(w[4], w[5]);
    a.end = a.start + Minutes{s->duration_minutes};
    a.staff_fixed = w.size() == 7;
    s_.booked.push_back(a);
  }

  // free <service> <date> [via <a,b>]: <HH:MMxN ...> | none
  void expect(const std::vector<std::string>& w, const std::string& line, int number) {
    // The header ends at the first colon that is not inside a time such as 08:00.
    std::size_t colon = line.find(':');
    while (colon != std::string::npos && colon + 1 < line.size() &&
           std::isdigit(static_cast<unsigned char>(line[colon + 1])))
      colon = line.find(':', colon + 1);
    if (colon == std::string::npos) throw std::runtime_error("free needs ': <starts>'");
    Expectation e{w[1], date_of(w[2].substr(0, 10)), {}, line.substr(colon + 1), number};
    if (w.size() >= 5 && w[3] == "via") e.chain = split(w[4].substr(0, w[4].find(':')), ',');
    e.free = [&] {
      std::string joined;
      for (const auto& x : words(e.free)) joined += (joined.empty() ? "" : " ") + x;
      return joined;
    }();
    s_.expectations.push_back(e);
  }

  Scenario s_;
};

std::string describe(const std::vector<DaySlots>& days, Zone zone) {
  std::string out;
  for (const DaySlots& d : days)
    for (const Slot& s : d.slots) {
      const auto local = to_local(zone, s.start);
      const auto minutes = std::chrono::floor<std::chrono::minutes>(local - date::floor<date::days>(local));
      out += (out.empty() ? "" : " ") + format_time(LocalTime{static_cast<int>(minutes.count())}) + "x" +
             std::to_string(s.capacity);
    }
  return out.empty() ? "none" : out;
}

std::vector<std::string> scenario_files() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(AMT_SCENARIO_DIR))
    if (entry.path().extension() == ".scenario") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class ScenarioFile : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioFile, GivesTheExpectedFreeTimes) {
  const Scenario s = Reader{}.read(fs::path(AMT_SCENARIO_DIR) / (GetParam() + ".scenario"));
  ASSERT_FALSE(s.expectations.empty()) << "a scenario without 'free' lines checks nothing";
  const Planner planner(s.catalog, "office");
  for (const Expectation& e : s.expectations) {
    const auto days = planner.free_slots(s.booked, {e.service, e.day, e.day, s.now, e.chain});
    EXPECT_EQ(describe(days, planner.zone()), e.free) << GetParam() << ".scenario line " << e.line;
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioFile, ::testing::ValuesIn(scenario_files()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace amt
