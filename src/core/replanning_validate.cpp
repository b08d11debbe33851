// Checks a plan, typically one a team lead edited, against the day as it stands: every entry's new
// holder must be able to hold it, nobody twice at once, and fixed appointments stay put.
#include <algorithm>
#include <unordered_map>

#include "core/replanning.hpp"
#include "core/replanning_instance.hpp"

namespace amt::replan {

using namespace detail;

const char* to_string(Violation v) {
  switch (v) {
    case Violation::unknown_appointment:
      return "unknown_appointment";
    case Violation::duplicate_entry:
      return "duplicate_entry";
    case Violation::missing_entry:
      return "missing_entry";
    case Violation::wrong_holder:
      return "wrong_holder";
    case Violation::unknown_staff:
      return "unknown_staff";
    case Violation::not_qualified:
      return "not_qualified";
    case Violation::outside_working_time:
      return "outside_working_time";
    case Violation::in_break:
      return "in_break";
    case Violation::absent:
      return "absent";
    case Violation::double_booked:
      return "double_booked";
    case Violation::bound_to_person:
      return "bound_to_person";
    case Violation::not_a_deputy:
      return "not_a_deputy";
  }
  return "unknown_appointment";
}

namespace {

struct Held {
  int staff;
  Span span;
  const Id* appointment;  // nullptr: a finished appointment
};

class Checker {
 public:
  Checker(const Catalog& catalog, const DayInput& day)
      : catalog_(catalog),
        day_(day),
        staff_(catalog, day.location_id, day.date, day.new_absences),
        instance_(build_instance(catalog, staff_, day)) {
    for (std::size_t i = 0; i < instance_.items.size(); ++i)
      index_.emplace(appointment(instance_.items[i]).id, static_cast<int>(i));
    for (const Block& b : instance_.finished) held_.push_back({b.staff, b.span, nullptr});
  }

  std::vector<PlanViolation> run(const Plan& plan) {
    std::vector<char> covered(instance_.items.size(), 0);
    for (const PlanEntry& e : plan.entries) {
      const auto it = index_.find(e.appointment_id);
      if (it == index_.end()) {
        report(e.appointment_id, e.to_staff, Violation::unknown_appointment);
        continue;
      }
      char& seen = covered[static_cast<std::size_t>(it->second)];
      if (seen) {
        report(e.appointment_id, e.to_staff, Violation::duplicate_entry);
        continue;
      }
      seen = 1;
      check(e, instance_.items[static_cast<std::size_t>(it->second)]);
    }
    for (std::size_t i = 0; i < covered.size(); ++i)
      if (!covered[i]) report(appointment(instance_.items[i]).id, {}, Violation::missing_entry);
    double_bookings();
    return std::move(violations_);
  }

 private:
  const Appointment& appointment(const Item& item) const {
    return day_.appointments[static_cast<std::size_t>(item.source)];
  }
  void report(const Id& appointment, const Id& staff, Violation v) {
    violations_.push_back({appointment, staff, v});
  }

  void check(const PlanEntry& e, const Item& item) {
    const Appointment& a = appointment(item);
    if (e.from_staff != a.staff_id) report(a.id, e.from_staff, Violation::wrong_holder);
    if (e.to_staff.empty()) return;
    const int to = staff_.index(e.to_staff);
    if (to < 0) return report(a.id, e.to_staff, Violation::unknown_staff);
    const Service* service = staff_.service(a.service_id);
    if (const auto why = staff_.unavailable(to, service, item.span)) report(a.id, e.to_staff, *why);
    if (item.kind == Kind::pinned && e.to_staff != a.staff_id)
      report(a.id, e.to_staff, Violation::bound_to_person);
    if (item.kind == Kind::displaced && service != nullptr && service->routing == Routing::responsible) {
      const auto chain = vertretung_chain(catalog_, day_.location_id, a);
      if (std::find(chain.begin(), chain.end(), e.to_staff) == chain.end())
        report(a.id, e.to_staff, Violation::not_a_deputy);
    }
    held_.push_back({to, item.span, &a.id});
  }

  // Per person by start: an appointment starting before the latest end so far overlaps.
  void double_bookings() {
    std::stable_sort(held_.begin(), held_.end(), [](const Held& x, const Held& y) {
      return x.staff != y.staff ? x.staff < y.staff : x.span.begin < y.span.begin;
    });
    const Held* latest = nullptr;  // of the current person, the one ending last so far
    for (const Held& h : held_) {
      if (latest == nullptr || latest->staff != h.staff) {
        latest = &h;
        continue;
      }
      const Held& culprit = h.appointment != nullptr ? h : *latest;
      if (h.span.begin < latest->span.end && culprit.appointment != nullptr)
        report(*culprit.appointment, staff_.staff(h.staff).id, Violation::double_booked);
      if (h.span.end > latest->span.end) latest = &h;
    }
  }

  const Catalog& catalog_;
  const DayInput& day_;
  DayStaff staff_;
  Instance instance_;
  std::unordered_map<Id, int> index_;
  std::vector<Held> held_;
  std::vector<PlanViolation> violations_;
};

}  // namespace

std::vector<PlanViolation> validate(const Catalog& catalog, const DayInput& day, const Plan& plan) {
  return Checker(catalog, day).run(plan);
}

}  // namespace amt::replan
