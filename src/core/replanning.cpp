// Absence re-planning: builds the day's problem, searches each group of competing appointments
// within the shared budget, and writes the plan with what is known about its quality.
#include "core/replanning.hpp"

#include <algorithm>

#include "core/replanning_instance.hpp"
#include "core/replanning_search.hpp"

namespace amt::replan {

using namespace detail;

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::kept:
      return "kept";
    case Outcome::moved:
      return "moved";
    case Outcome::cannot_keep:
      return "cannot_keep";
  }
  return "cannot_keep";
}

Outcome PlanEntry::outcome() const {
  if (to_staff.empty()) return Outcome::cannot_keep;
  return to_staff == from_staff ? Outcome::kept : Outcome::moved;
}

namespace {

// Smaller groups first, each with an even share of what is left, so one hard group cannot starve
// the easy ones; what a group leaves unused goes to the next.
void search_all(const Instance& instance, Budget& budget, std::vector<int>& to, PlanQuality& q) {
  std::vector<const std::vector<int>*> open;
  for (const auto& component : instance.components) {
    const bool displaced = std::any_of(component.begin(), component.end(), [&](int i) {
      return instance.items[static_cast<std::size_t>(i)].kind == Kind::displaced;
    });
    if (displaced) open.push_back(&component);
  }
  std::stable_sort(open.begin(), open.end(),
                   [](const auto* a, const auto* b) { return a->size() < b->size(); });
  q.proven_optimal = q.preferences_proven = true;
  for (std::size_t c = 0; c < open.size(); ++c) {
    const std::vector<int>& component = *open[c];
    const Local local = localize(instance, component);
    const auto share = budget.left() / static_cast<std::int64_t>(open.size() - c);
    const ComponentResult r = search_component(local, budget, share);
    for (std::size_t i = 0; i < component.size(); ++i)
      to[static_cast<std::size_t>(component[i])] = r.staff[i];
    q.upper_bound += r.bound;
    q.relaxation_bound += r.root_bound;
    q.seed_kept += r.seed_kept;
    q.proven_optimal = q.proven_optimal && r.proven;
    q.preferences_proven = q.preferences_proven && r.preferences_proven;
  }
}

PlanEntry entry(const DayInput& day, const DayStaff& staff, const Item& item, int to) {
  const Appointment& a = day.appointments[static_cast<std::size_t>(item.source)];
  return {a.id, a.staff_id, to >= 0 ? staff.staff(to).id : Id{}, item.kind == Kind::displaced};
}

}  // namespace

Replanning plan_absences(const Catalog& catalog, const DayInput& day, const SearchBudget& search) {
  const DayStaff staff(catalog, day.location_id, day.date, day.new_absences);
  const Instance instance = build_instance(catalog, staff, day);
  std::vector<int> to;
  for (const Item& item : instance.items) to.push_back(item.kind == Kind::displaced ? -1 : item.holder);
  Replanning result;
  PlanQuality& q = result.quality;
  Budget budget(search.max_nodes, search.stop);
  search_all(instance, budget, to, q);
  result.plan.location_id = day.location_id;
  result.plan.date = day.date;
  for (std::size_t i = 0; i < instance.items.size(); ++i) {
    const Item& item = instance.items[i];
    result.plan.entries.push_back(entry(day, staff, item, to[i]));
    q.displaced += item.kind == Kind::displaced ? 1 : 0;
    if (to[i] < 0) continue;
    ++q.kept;
    if (item.kind != Kind::displaced) {
      ++q.upper_bound;
      ++q.relaxation_bound;
      ++q.seed_kept;
    }
    for (const Choice& c : item.choices) {
      if (c.staff != to[i]) continue;
      q.deputy_rank_sum += c.rank;
      q.moves += c.move ? 1 : 0;
    }
  }
  q.appointments = static_cast<int>(instance.items.size());
  q.nodes = budget.used();
  return result;
}

}  // namespace amt::replan
