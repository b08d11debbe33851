// Absence re-planning on small offices a team lead can follow: who takes over, what cannot be
// kept, how a plan edited by hand is checked.
#include "core/replanning.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace amt::replan {
namespace {

// Tuesday 16 March 2027, Mainz (UTC+1).
const LocalDate kTuesday16March{date::year{2027} / 3 / 16};
Instant t(const std::string& hhmm) { return *parse_rfc3339("2027-03-16T" + hhmm + ":00+01:00"); }

struct Office {
  Catalog catalog;
  std::vector<Appointment> appointments;

  Office() {
    Location l;
    l.id = "mainz";
    catalog.locations.push_back(l);
  }
  void service(const Id& id, Routing routing = Routing::pool) {
    Service s;
    s.id = id;
    s.location_id = "mainz";
    s.routing = routing;
    catalog.services.push_back(s);
  }
  // Works on Tuesdays from..to with the given breaks.
  void person(const Id& id, std::vector<Id> skills, const char* from, const char* to,
              std::vector<TimeRange> breaks = {}, std::vector<Id> deputies = {}) {
    Staff s;
    s.id = id;
    s.location_id = "mainz";
    s.skills = std::move(skills);
    std::sort(s.skills.begin(), s.skills.end());
    s.deputies = std::move(deputies);
    s.plan[1] = WorkDay{{{*parse_time(from), *parse_time(to)}}, std::move(breaks)};
    catalog.staff.push_back(s);
  }
  Appointment& book(const Id& id, const Id& service, const Id& staff, const std::string& from,
                    const std::string& to) {
    Appointment a;
    a.id = id;
    a.location_id = "mainz";
    a.service_id = service;
    a.staff_id = staff;
    a.start = t(from);
    a.end = t(to);
    appointments.push_back(a);
    return appointments.back();
  }
  DayInput ill(const Id& who) const {
    return DayInput{"mainz", kTuesday16March, appointments, {Absence{"ill", who, t("00:00"), t("23:59"), "ill"}}};
  }
};

std::map<Id, Id> holders(const Plan& plan) {
  std::map<Id, Id> out;
  for (const PlanEntry& e : plan.entries) out[e.appointment_id] = e.to_staff;
  return out;
}

// Mueller (placement, responsible routing) is ill with 8 appointments. Schmidt (first deputy) works
// until 12:00 and has two talks of his own; Weber (second deputy) has a lunch break and two talks.
// Klein could do placement too but is nobody's deputy, so he must not get any of them.
Office ill_caseworker() {
  Office o;
  o.service("placement", Routing::responsible);
  o.person("mueller", {"placement"}, "08:00", "16:00", {}, {"schmidt", "weber"});
  o.person("schmidt", {"placement"}, "08:00", "12:00");
  o.person("weber", {"placement"}, "08:00", "16:00", {{hm(12), hm(12, 30)}});
  o.person("klein", {"placement"}, "08:00", "16:00");
  const char* times[][2] = {{"08:00", "08:45"}, {"08:45", "09:30"}, {"09:30", "10:15"}, {"10:15", "11:00"},
                            {"11:00", "11:45"}, {"11:45", "12:30"}, {"13:00", "13:45"}, {"13:45", "14:30"}};
  for (int i = 0; i < 8; ++i)
    o.book("a" + std::to_string(i + 1), "placement", "mueller", times[i][0], times[i][1]);
  o.book("s1", "placement", "schmidt", "08:00", "08:45");
  o.book("s2", "placement", "schmidt", "10:15", "11:00");
  o.book("w1", "placement", "weber", "08:00", "08:45");
  o.book("w2", "placement", "weber", "13:00", "13:45");
  return o;
}

TEST(Replanning, IllCaseworkersAppointmentsGoToDeputiesInOrderAndTheRestCannotBeKept) {
  const Office o = ill_caseworker();
  const Replanning r = plan_absences(o.catalog, o.ill("mueller"));
  const auto to = holders(r.plan);
  EXPECT_EQ(to.at("a1"), "");         // both deputies have a talk at 08:00
  EXPECT_EQ(to.at("a2"), "schmidt");  // the first deputy, while he is free
  EXPECT_EQ(to.at("a3"), "schmidt");
  EXPECT_EQ(to.at("a4"), "weber");  // Schmidt has his own talk then
  EXPECT_EQ(to.at("a5"), "schmidt");
  EXPECT_EQ(to.at("a6"), "");  // Schmidt's day ends at 12:00, Weber's lunch starts then
  EXPECT_EQ(to.at("a7"), "");  // Weber's own talk
  EXPECT_EQ(to.at("a8"), "weber");
  EXPECT_EQ(to.at("s1"), "schmidt");  // colleagues' own appointments stay
  EXPECT_EQ(to.at("w2"), "weber");
  EXPECT_EQ(r.quality.displaced, 8);
  EXPECT_EQ(r.quality.kept, 4 + 5);
  EXPECT_TRUE(r.quality.proven_optimal);
  EXPECT_EQ(r.quality.upper_bound, r.quality.kept);
  EXPECT_EQ(r.quality.deputy_rank_sum, 1 + 1 + 2 + 1 + 2);
  EXPECT_TRUE(validate(o.catalog, o.ill("mueller"), r.plan).empty());
}

TEST(Replanning, PlanListsEachAppointmentAsKeptMovedOrCannotKeep) {
  const Office o = ill_caseworker();
  const Replanning r = plan_absences(o.catalog, o.ill("mueller"));
  std::map<Id, Outcome> outcome;
  for (const PlanEntry& e : r.plan.entries) outcome[e.appointment_id] = e.outcome();
  EXPECT_EQ(outcome.at("s2"), Outcome::kept);
  EXPECT_EQ(outcome.at("a2"), Outcome::moved);
  EXPECT_EQ(outcome.at("a1"), Outcome::cannot_keep);
  ASSERT_EQ(r.plan.entries.size(), 12u);
  EXPECT_EQ(r.plan.entries.front().appointment_id, "a1");  // by start time
}

Violation only_violation(const Office& o, const Id& appointment, const Id& to) {
  Plan plan = plan_absences(o.catalog, o.ill("mueller")).plan;
  for (PlanEntry& e : plan.entries)
    if (e.appointment_id == appointment) e.to_staff = to;
  const auto violations = validate(o.catalog, o.ill("mueller"), plan);
  EXPECT_EQ(violations.size(), 1u) << appointment << " -> " << to;
  return violations.empty() ? Violation::unknown_appointment : violations.front().violation;
}

TEST(Replanning, EditedPlanIsCheckedForDeputiesBreaksWorkingTimeAndDoubleBookings) {
  const Office o = ill_caseworker();
  EXPECT_EQ(only_violation(o, "a6", "klein"), Violation::not_a_deputy);
  EXPECT_EQ(only_violation(o, "a6", "weber"), Violation::in_break);
  EXPECT_EQ(only_violation(o, "a6", "schmidt"), Violation::outside_working_time);
  EXPECT_EQ(only_violation(o, "a7", "weber"), Violation::double_booked);
  EXPECT_EQ(only_violation(o, "a1", "mueller"), Violation::absent);
  EXPECT_EQ(only_violation(o, "a1", "nobody"), Violation::unknown_staff);
}

TEST(Replanning, EditedPlanMayNotMoveAnAppointmentFixedToItsPerson) {
  Office o = ill_caseworker();
  const Replanning r = plan_absences(o.catalog, o.ill("mueller"));
  Plan plan = r.plan;
  for (PlanEntry& e : plan.entries)
    if (e.appointment_id == "s2") e.to_staff = "klein";  // Schmidt's own customer, Schmidt is there
  const auto v = validate(o.catalog, o.ill("mueller"), plan);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].violation, Violation::bound_to_person);
}

TEST(Replanning, EditedPlanMissingOrRepeatingAnAppointmentIsReported) {
  const Office o = ill_caseworker();
  Plan plan = plan_absences(o.catalog, o.ill("mueller")).plan;
  plan.entries.push_back(plan.entries.front());
  plan.entries.erase(plan.entries.begin() + 1);
  plan.entries.push_back({"x9", "mueller", "", true});
  std::vector<Violation> kinds;
  for (const auto& v : validate(o.catalog, o.ill("mueller"), plan)) kinds.push_back(v.violation);
  EXPECT_EQ(kinds, (std::vector<Violation>{Violation::duplicate_entry, Violation::unknown_appointment,
                                           Violation::missing_entry}));
}

TEST(Replanning, ResponsibleCaseworkerTakesBackTheirCustomerFromAnIllDeputy) {
  Office o = ill_caseworker();
  o.catalog.responsibility_rules.push_back({"mainz", "weber", "5000", "5999", "", ""});
  o.book("c", "placement", "mueller", "15:00", "15:45").customer_number = "5123";  // Weber's customer
  const Replanning r = plan_absences(o.catalog, o.ill("mueller"));
  EXPECT_EQ(holders(r.plan).at("c"), "weber");
  EXPECT_TRUE(validate(o.catalog, o.ill("mueller"), r.plan).empty());
}

TEST(Replanning, FinishedAppointmentsStayOutOfThePlanButHoldTheirTime) {
  Office o = ill_caseworker();
  o.book("done", "placement", "weber", "13:45", "14:30").status = AppointmentStatus::done;
  o.book("cancelled", "placement", "schmidt", "08:00", "08:45").status = AppointmentStatus::cancelled;
  o.book("other-day", "placement", "mueller", "09:00", "09:45").start -= std::chrono::hours{24};
  const Replanning r = plan_absences(o.catalog, o.ill("mueller"));
  const auto to = holders(r.plan);
  EXPECT_EQ(to.at("a8"), "");  // Weber finished a talk then (the data says so)
  EXPECT_FALSE(to.contains("done"));
  EXPECT_FALSE(to.contains("cancelled"));
  EXPECT_FALSE(to.contains("other-day"));
  EXPECT_TRUE(validate(o.catalog, o.ill("mueller"), r.plan).empty());
}

TEST(Replanning, EditedPlanNamingTheWrongPreviousHolderIsReported) {
  const Office o = ill_caseworker();
  Plan plan = plan_absences(o.catalog, o.ill("mueller")).plan;
  plan.entries.back().from_staff = "klein";
  const auto v = validate(o.catalog, o.ill("mueller"), plan);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].violation, Violation::wrong_holder);
}

// Anna is ill; her first application at 09:00 needs the skill only Ben has, and Ben holds a housing
// appointment then that Cara could take. Greedy assignment would give up; one move keeps both.
Office chain_move(bool housing_fixed) {
  Office o;
  o.service("first-application");
  o.service("housing");
  o.person("anna", {"first-application", "housing"}, "08:00", "16:00");
  o.person("ben", {"first-application", "housing"}, "08:00", "16:00");
  o.person("cara", {"housing"}, "08:00", "16:00");
  o.book("f", "first-application", "anna", "09:00", "09:45");
  o.book("h", "housing", "ben", "09:15", "09:45").staff_fixed = housing_fixed;
  return o;
}

TEST(Replanning, MovesANotYetFixedAppointmentToKeepOneMore) {
  const Office o = chain_move(false);
  const Replanning r = plan_absences(o.catalog, o.ill("anna"));
  const auto to = holders(r.plan);
  EXPECT_EQ(to.at("f"), "ben");
  EXPECT_EQ(to.at("h"), "cara");
  EXPECT_EQ(r.quality.kept, 2);
  EXPECT_EQ(r.quality.moves, 1);
  EXPECT_TRUE(r.quality.proven_optimal);
  EXPECT_TRUE(validate(o.catalog, o.ill("anna"), r.plan).empty());
}

// A longer augmenting path: Anna's first application needs Ben; Ben's housing talk can only go to
// Cara, and only once Cara's document check goes to Dora, who does nothing else.
TEST(Replanning, MovesAlongAChainOfColleaguesToKeepTheAppointment) {
  Office o = chain_move(false);
  o.service("documents");
  o.catalog.staff[2].skills = {"documents", "housing"};
  o.person("dora", {"documents"}, "08:00", "16:00");
  o.book("d", "documents", "cara", "09:00", "09:30");
  const Replanning r = plan_absences(o.catalog, o.ill("anna"));
  const auto to = holders(r.plan);
  EXPECT_EQ(to.at("f"), "ben");
  EXPECT_EQ(to.at("h"), "cara");
  EXPECT_EQ(to.at("d"), "dora");
  EXPECT_EQ(r.quality.moves, 2);
  EXPECT_EQ(r.quality.seed_kept, 3);  // augmenting paths find it without any search
  EXPECT_TRUE(r.quality.proven_optimal);
  EXPECT_TRUE(validate(o.catalog, o.ill("anna"), r.plan).empty());
}

TEST(Replanning, NeverMovesAnAppointmentFixedToItsPerson) {
  const Office o = chain_move(true);
  const Replanning r = plan_absences(o.catalog, o.ill("anna"));
  const auto to = holders(r.plan);
  EXPECT_EQ(to.at("f"), "");
  EXPECT_EQ(to.at("h"), "ben");
  EXPECT_EQ(r.quality.kept, 1);
  EXPECT_TRUE(r.quality.proven_optimal);
}

TEST(Replanning, MovesNobodyWhenNoAbsenceTouchesTheDay) {
  const Office o = chain_move(false);
  DayInput day = o.ill("anna");
  day.new_absences.clear();
  const Replanning r = plan_absences(o.catalog, day);
  for (const PlanEntry& e : r.plan.entries) EXPECT_EQ(e.outcome(), Outcome::kept) << e.appointment_id;
  EXPECT_EQ(r.quality.displaced, 0);
}

// One long appointment competing with two short ones: matching within each clique of overlapping
// appointments promises all three; the linear relaxation (or a search) shows that two is the most.
Office loose_relaxation() {
  Office o;
  o.service("x");
  o.service("early");
  o.service("late");
  o.person("ill", {"early", "late", "x"}, "08:00", "16:00");
  o.person("p", {"early", "x"}, "08:00", "16:00");
  o.person("q", {"late", "x"}, "08:00", "16:00");
  o.book("long", "x", "ill", "09:00", "11:00");
  o.book("early", "early", "ill", "09:00", "10:00");
  o.book("late", "late", "ill", "10:00", "11:00");
  return o;
}

TEST(Replanning, ProvesTheOptimumWhereCliqueMatchingPromisesMore) {
  const Office o = loose_relaxation();
  const Replanning r = plan_absences(o.catalog, o.ill("ill"));
  EXPECT_EQ(r.quality.kept, 2);
  EXPECT_EQ(r.quality.upper_bound, 2);
  EXPECT_TRUE(r.quality.proven_optimal);
  EXPECT_GT(r.quality.nodes, 0);
}

TEST(Replanning, SpentBudgetReturnsTheSeedPlanUnproven) {
  const Office o = loose_relaxation();
  const Replanning r = plan_absences(o.catalog, o.ill("ill"), SearchBudget{0, {}});
  EXPECT_EQ(r.quality.kept, 2);
  EXPECT_EQ(r.quality.upper_bound, 3);
  EXPECT_FALSE(r.quality.proven_optimal);
  EXPECT_TRUE(validate(o.catalog, o.ill("ill"), r.plan).empty());
}

TEST(Replanning, CallersStopEndsTheSearchWithoutReadingAClock) {
  const Office o = loose_relaxation();
  int polls = 0;
  const Replanning r =
      plan_absences(o.catalog, o.ill("ill"), SearchBudget{1'000'000, [&] { return ++polls > 0; }});
  EXPECT_EQ(polls, 1);
  EXPECT_FALSE(r.quality.proven_optimal);
}

TEST(Replanning, OverlappingAppointmentsOfOnePersonInTheInputAreSeparated) {
  Office o = chain_move(false);
  o.book("h2", "housing", "ben", "09:30", "10:00");  // Ben would hold h and h2 at 09:30
  DayInput day = o.ill("anna");
  day.new_absences.clear();
  const Replanning r = plan_absences(o.catalog, day);
  const auto to = holders(r.plan);
  EXPECT_EQ(to.at("h"), "ben");
  EXPECT_EQ(to.at("h2"), "cara");  // displaced by the clash, taken by someone free
  EXPECT_TRUE(validate(o.catalog, day, r.plan).empty());
}

TEST(Replanning, WorkingPlansFollowLocalTimeOnTheDayClocksGoForward) {
  Office o;
  o.catalog.locations[0].time_zone = "Europe/Berlin";
  o.service("housing");
  o.person("ill", {"housing"}, "08:00", "12:00");
  o.person("deputy", {"housing"}, "08:00", "12:00");
  o.catalog.staff[0].plan[6] = WorkDay{{{hm(8), hm(12)}}, {}};  // Sundays too, for this test
  o.catalog.staff[1].plan[6] = WorkDay{{{hm(8), hm(10)}}, {}};
  const LocalDate sunday{date::year{2027} / 3 / 28};  // 02:00 -> 03:00
  DayInput day{"mainz",
               sunday,
               {},
               {Absence{"ill", "ill", *parse_rfc3339("2027-03-27T23:00:00Z"),
                        *parse_rfc3339("2027-03-28T22:00:00Z"), "ill"}}};
  Appointment a;
  a.id = "a";
  a.location_id = "mainz";
  a.service_id = "housing";
  a.staff_id = "ill";
  a.start = *parse_rfc3339("2027-03-28T09:00:00+02:00");
  a.end = *parse_rfc3339("2027-03-28T09:30:00+02:00");
  day.appointments = {a, a, a};
  day.appointments[1].id = "b";
  day.appointments[1].start += std::chrono::hours{1};  // 10:00 local: after the deputy's day
  day.appointments[1].end += std::chrono::hours{1};
  day.appointments[2].id = "c";
  day.appointments[2].start -= std::chrono::hours{2};  // 07:00 local: before it
  day.appointments[2].end -= std::chrono::hours{2};
  const auto to = holders(plan_absences(o.catalog, day).plan);
  EXPECT_EQ(to.at("a"), "deputy");
  EXPECT_EQ(to.at("b"), "");
  EXPECT_EQ(to.at("c"), "");
}

}  // namespace
}  // namespace amt::replan
