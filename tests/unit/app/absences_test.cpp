// Absences: rights, the plan shown before applying, the team lead's checked changes, the stale-plan
// refusal, and what applying does to appointments, mails and the audit log, on a real SQLite file.
#include "app/absences.hpp"

#include "administration_fixture.hpp"

namespace amt::app::testing {
namespace {

class AbsenceTest : public AdminTest {
 protected:
  void SetUp() override {
    AdminTest::SetUp();
    absences_ = std::make_unique<Absences>(*store_, *catalogs_, clock_, AbsencePolicy{"https://termine.example.org"});
  }
  void TearDown() override {
    absences_.reset();
    AdminTest::TearDown();
  }
  // Whole Tuesday 2027-03-16, local time.
  static AbsenceRequest ill(const Id& staff) {
    return {staff, *parse_rfc3339("2027-03-16T00:00:00+01:00"), *parse_rfc3339("2027-03-17T00:00:00+01:00"), "ill"};
  }
  static const AbsenceRow* row(const AbsencePlan& p, const Id& id) {
    for (const AbsenceRow& r : p.rows)
      if (r.appointment.id == id) return &r;
    return nullptr;
  }

  const AbsenceActor lead{"acc-lead", "lead", {Role::team_lead}, "dora", "mainz"};
  const AbsenceActor anna_self{"acc-anna", "anna", {Role::caseworker}, "anna", "mainz"};
  std::unique_ptr<Absences> absences_;
};

TEST_F(AbsenceTest, PlanMovesWhatAColleagueCanKeepAndWritesNothing) {
  book("a9", "anna", "benefits", 9);
  const Appointment a10 = book("a10", "anna", "benefits", 10);
  book("b9", "bert", "benefits", 9);
  auto plan = absences_->plan(lead, ill("anna"));
  ASSERT_TRUE(plan) << plan.error().detail;
  ASSERT_EQ(plan->rows.size(), 2u);
  EXPECT_EQ(row(*plan, "a10")->to_staff, "bert");
  EXPECT_EQ(row(*plan, "a10")->outcome, replan::Outcome::moved);
  EXPECT_EQ(row(*plan, "a9")->outcome, replan::Outcome::cannot_keep);
  EXPECT_TRUE(plan->quality.proven_optimal);
  EXPECT_EQ(store_->load_catalog().absences.size(), 0u);
  EXPECT_EQ(stored(a10).staff_id, "anna");
}

TEST_F(AbsenceTest, ApplyingMovesKeepsAndCancelsWithAMailOfFreeTimesOnlyForThoseNotKept) {
  const Appointment a9 = book("a9", "anna", "benefits", 9);
  const Appointment a10 = book("a10", "anna", "benefits", 10);
  const Appointment b9 = book("b9", "bert", "benefits", 9);
  auto plan = absences_->plan(lead, ill("anna"));
  ASSERT_TRUE(plan);
  auto applied = absences_->apply(lead, ill("anna"), {}, plan->fingerprint);
  ASSERT_TRUE(applied) << applied.error().detail;
  EXPECT_EQ(applied->citizens_told, 1);
  EXPECT_EQ(stored(a10).staff_id, "bert");
  EXPECT_EQ(stored(a10).status, AppointmentStatus::booked);
  EXPECT_EQ(stored(a9).status, AppointmentStatus::cancelled);
  EXPECT_TRUE(store_->outbox_for_appointment(a10.id).empty());
  EXPECT_TRUE(store_->outbox_for_appointment(b9.id).empty());
  const auto mails = store_->outbox_for_appointment(a9.id);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].body.find("nächsten freien Zeiten"), std::string::npos) << mails[0].body;
  EXPECT_NE(mails[0].body.find("https://termine.example.org/book/benefits"), std::string::npos);
  ASSERT_EQ(store_->load_catalog().absences.size(), 1u);
  EXPECT_EQ(catalogs_->current()->catalog.absences.size(), 1u);
  EXPECT_EQ(store_->load_catalog().absences[0].reason, "ill");
}

TEST_F(AbsenceTest, StalePlanIsRefusedAndNothingIsWritten) {
  const Appointment a10 = book("a10", "anna", "benefits", 10);
  auto plan = absences_->plan(lead, ill("anna"));
  ASSERT_TRUE(plan);
  book("b10", "bert", "benefits", 10);  // bert is no longer free for a10
  auto refused = absences_->apply(lead, ill("anna"), {}, plan->fingerprint);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::not_changeable);
  EXPECT_NE(refused.error().detail.find("plan again"), std::string::npos);
  EXPECT_EQ(stored(a10).staff_id, "anna");
  EXPECT_TRUE(store_->load_catalog().absences.empty());
  // The rows of the stale plan would now double-book bert: still "plan again", not a row error.
  auto with_rows = absences_->apply(lead, ill("anna"), {{"a10", "bert"}}, plan->fingerprint);
  ASSERT_FALSE(with_rows);
  EXPECT_EQ(with_rows.error().kind, ErrorKind::not_changeable);
}

TEST_F(AbsenceTest, TeamLeadsChangeIsCheckedForSkillAndDoubleBooking) {
  book("a9", "anna", "benefits", 9);
  book("a10", "anna", "benefits", 10);
  book("b10", "bert", "benefits", 10);
  auto no_skill = absences_->plan(lead, ill("anna"), {{"a10", "carl"}});
  ASSERT_FALSE(no_skill);
  ASSERT_EQ(no_skill.error().fields.size(), 1u);
  EXPECT_EQ(no_skill.error().fields[0].field, "assign.a10");
  EXPECT_EQ(no_skill.error().fields[0].code, "not_qualified");
  auto twice = absences_->plan(lead, ill("anna"), {{"a10", "bert"}});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().fields[0].code, "double_booked");
  auto dropped = absences_->plan(lead, ill("anna"), {{"a9", ""}});
  ASSERT_TRUE(dropped);
  EXPECT_EQ(row(*dropped, "a9")->outcome, replan::Outcome::cannot_keep);
}

TEST_F(AbsenceTest, ChangedPlanIsAppliedAsChanged) {
  const Appointment a9 = book("a9", "anna", "benefits", 9);
  auto plan = absences_->plan(lead, ill("anna"), {{"a9", ""}});
  ASSERT_TRUE(plan);
  ASSERT_TRUE(absences_->apply(lead, ill("anna"), {{"a9", ""}}, plan->fingerprint));
  EXPECT_EQ(stored(a9).status, AppointmentStatus::cancelled);
}

TEST_F(AbsenceTest, ResponsibleAppointmentGoesToTheNamedDeputy) {
  const Appointment c = book("c9", "carl", "counselling", 9);
  auto plan = absences_->plan(lead, ill("carl"));
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->rows.size(), 1u);
  EXPECT_EQ(plan->rows[0].to_staff, "dora");
  ASSERT_TRUE(absences_->apply(lead, ill("carl"), {}, plan->fingerprint));
  EXPECT_EQ(stored(c).staff_id, "dora");
}

TEST_F(AbsenceTest, CaseworkerRecordsOnlyTheirOwnAbsenceAndCannotChangeThePlan) {
  book("a10", "anna", "benefits", 10);
  EXPECT_TRUE(absences_->plan(anna_self, ill("anna")));
  auto other = absences_->plan(anna_self, ill("bert"));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().kind, ErrorKind::not_found);
  auto changed = absences_->plan(anna_self, ill("anna"), {{"a10", ""}});
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().fields[0].code, "forbidden");
  const auto names = absences_->recordable(anna_self);
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].id, "anna");
  EXPECT_EQ(absences_->recordable(lead).size(), 4u);
}

TEST_F(AbsenceTest, CaseworkerPostingThePlannersOwnDecisionsAppliesThePlan) {
  const Appointment a10 = book("a10", "anna", "benefits", 10);
  auto plan = absences_->plan(anna_self, ill("anna"), {{"a10", "bert"}});
  ASSERT_TRUE(plan) << plan.error().detail;
  EXPECT_EQ(plan->changed_by_hand, 0);
  ASSERT_TRUE(absences_->apply(anna_self, ill("anna"), {{"a10", "bert"}}, plan->fingerprint));
  EXPECT_EQ(stored(a10).staff_id, "bert");
}

TEST_F(AbsenceTest, AbsenceFromNowLeavesAppointmentsThatAlreadyEndedAlone) {
  const Appointment a9 = book("a9", "anna", "benefits", 9);
  const Appointment a14 = book("a14", "anna", "benefits", 14);
  AbsenceRequest r = ill("anna");
  r.from = *parse_rfc3339("2027-03-16T11:00:00+01:00");
  auto plan = absences_->plan(lead, r);
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->rows.size(), 1u);
  EXPECT_EQ(plan->rows[0].appointment.id, a14.id);
  EXPECT_EQ(plan->rows[0].to_staff, "bert");
  ASSERT_TRUE(absences_->apply(lead, r, {}, plan->fingerprint));
  EXPECT_EQ(stored(a9).staff_id, "anna");
}

TEST_F(AbsenceTest, TeamLeadOfAnotherTeamOrLocationIsRefused) {
  Catalog c = store_->load_catalog();
  for (Staff& s : c.staff)
    if (s.id == "dora") s.team = "Other";
  store_->replace_catalog(c);
  catalogs_->reload();
  EXPECT_FALSE(absences_->plan(lead, ill("anna")));
  AbsenceActor elsewhere = lead;
  elsewhere.location_id = "trier";
  EXPECT_FALSE(absences_->plan(elsewhere, ill("dora")));
}

TEST_F(AbsenceTest, EndBeforeStartAndOverLongRangesAreFieldErrors) {
  AbsenceRequest r = ill("anna");
  std::swap(r.from, r.to);
  auto backwards = absences_->plan(lead, r);
  ASSERT_FALSE(backwards);
  EXPECT_EQ(backwards.error().fields[0].code, "before_start");
  r = ill("anna");
  r.to = r.from + std::chrono::days{40};
  EXPECT_EQ(absences_->plan(lead, r).error().fields[0].code, "too_long");
}

TEST_F(AbsenceTest, ApplyingIsAuditedWithWhoWhatAndEachAppointment) {
  const Appointment a9 = book("a9", "anna", "benefits", 9);
  book("a10", "anna", "benefits", 10);
  book("b9", "bert", "benefits", 9);
  auto plan = absences_->plan(lead, ill("anna"));
  ASSERT_TRUE(absences_->apply(lead, ill("anna"), {}, plan->fingerprint));
  AuditQuery q;
  q.account_id = "acc-lead";
  const auto entries = store_->audit_entries(q);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "absence.record");
  EXPECT_EQ(entries[0].subject_id, "anna");
  EXPECT_NE(entries[0].detail.find("moved 1, cancelled 1"), std::string::npos) << entries[0].detail;
  EXPECT_EQ(entries[1].action, "appointment.cancel");
  EXPECT_EQ(entries[1].subject_id, a9.id);
  EXPECT_EQ(entries[2].action, "appointment.reassign");
}

}  // namespace
}  // namespace amt::app::testing
