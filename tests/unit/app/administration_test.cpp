// Administration: validation, orphan detection, reassignment and audit against a real SQLite file.
#include "app/administration.hpp"

#include "administration_fixture.hpp"
#include "app/administration_messages.hpp"
#include "app/booking.hpp"
#include "core/responsibility.hpp"

namespace amt::app::testing {
namespace {

bool has_field(const Error& e, const std::string& field, const std::string& code) {
  for (const FieldError& f : e.fields)
    if (f.field == field && f.code == code) return true;
  return false;
}

TEST_F(AdminTest, AddedServiceWithAQualifiedPersonIsBookableAtOnce) {
  Bookings bookings(*store_, *catalogs_, clock_, BookingPolicy{3, 62, "secret"});
  ASSERT_FALSE(bookings.availability({"mainz", "passport-photo", "2027-03-16", "2027-03-16", ""}));
  Service s = concern("passport-photo");
  s.name = "Passbild abgeben";
  ASSERT_TRUE(admin_->add_service(admin_actor, s)->applied);
  Staff eve = person("eve", {"passport-photo"});
  ASSERT_TRUE(admin_->add_staff(admin_actor, eve)->applied);
  auto free = bookings.availability({"mainz", "passport-photo", "2027-03-16", "2027-03-16", ""});
  ASSERT_TRUE(free) << free.error().detail;
  ASSERT_FALSE(free->days.empty());
  EXPECT_EQ(free->days.front().slots.front().capacity, 1);
  EXPECT_EQ(store_->load_catalog().staff_member("eve")->skills, std::vector<Id>{"passport-photo"});
}

TEST_F(AdminTest, InvalidServiceIsRefusedFieldByFieldInGermanAndEnglish) {
  Service s = concern("Bad Id!");
  s.name = "";
  s.duration_minutes = 0;
  s.channels = 0;
  auto refused = admin_->add_service(admin_actor, s);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::validation);
  EXPECT_TRUE(has_field(refused.error(), "id", "invalid_id"));
  EXPECT_TRUE(has_field(refused.error(), "name", "required"));
  EXPECT_TRUE(has_field(refused.error(), "duration_minutes", "out_of_range"));
  EXPECT_TRUE(has_field(refused.error(), "channels", "required"));
  const FieldError& name = refused.error().fields[1];
  EXPECT_EQ(admin::field_message("de", name), "Bitte füllen Sie dieses Feld aus.");
  EXPECT_EQ(admin::field_message("en", name), "This field is required.");
  EXPECT_EQ(store_->load_catalog().services.size(), 2u);
}

TEST_F(AdminTest, ServiceIdThatIsTakenIsRefused) {
  auto refused = admin_->add_service(admin_actor, concern("benefits"));
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "id", "taken"));
}

TEST_F(AdminTest, StaffWithUnknownSkillSelfDeputyAndBreakOutsideShiftIsRefused) {
  Staff s = person("eve", {"no-such-service"}, {"eve"});
  s.plan[1].breaks = {{hm(17), hm(17, 30)}};
  s.plan[2].shifts = {{hm(8), hm(12)}, {hm(11), hm(15)}};
  auto refused = admin_->add_staff(admin_actor, s);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "skills", "unknown_service"));
  EXPECT_TRUE(has_field(refused.error(), "deputies", "self_deputy"));
  EXPECT_TRUE(has_field(refused.error(), "plan.tue", "break_outside_shift"));
  EXPECT_TRUE(has_field(refused.error(), "plan.wed", "overlap"));
  EXPECT_EQ(store_->load_catalog().staff_member("eve"), nullptr);
}

TEST_F(AdminTest, RetiringStaffWithFutureAppointmentsIsRefusedWithTheirList) {
  const Appointment a = book("a1", "anna", "benefits", 9);
  auto report = admin_->retire_staff(admin_actor, "anna", false);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->applied);
  ASSERT_EQ(report->affected.size(), 1u);
  EXPECT_EQ(report->affected[0].appointment.code, a.code);
  EXPECT_EQ(report->affected[0].reason, "unknown_staff");
  EXPECT_TRUE(store_->load_catalog().staff_member("anna")->active);
  EXPECT_EQ(stored(a).staff_id, "anna");
  EXPECT_TRUE(catalogs_->current()->catalog.staff_member("anna")->active);
}

TEST_F(AdminTest, ConfirmedRetirementMovesAppointmentsToAQualifiedFreeColleague) {
  const Appointment a = book("a1", "anna", "benefits", 9);
  auto report = admin_->retire_staff(admin_actor, "anna", true);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->applied);
  ASSERT_EQ(report->affected.size(), 1u);
  EXPECT_EQ(report->affected[0].new_staff, "bert");
  EXPECT_EQ(stored(a).staff_id, "bert");
  EXPECT_EQ(stored(a).status, AppointmentStatus::booked);
  EXPECT_FALSE(store_->load_catalog().staff_member("anna")->active);
  EXPECT_TRUE(store_->outbox_for_appointment(a.id).empty());
}

TEST_F(AdminTest, AppointmentNobodyCanTakeIsCancelledAndItsCitizenGetsTheCancellationMail) {
  const Appointment a = book("a1", "anna", "benefits", 9);
  const Appointment b = book("b1", "bert", "benefits", 9);
  auto report = admin_->retire_staff(admin_actor, "anna", true);
  ASSERT_TRUE(report && report->applied);
  ASSERT_EQ(report->affected.size(), 1u);
  EXPECT_TRUE(report->affected[0].new_staff.empty());
  EXPECT_TRUE(report->affected[0].citizen_told);
  EXPECT_EQ(report->dropped(), 1);
  EXPECT_EQ(stored(a).status, AppointmentStatus::cancelled);
  EXPECT_EQ(stored(b).staff_id, "bert");
  const auto mails = store_->outbox_for_appointment(a.id);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].kind, "booking_cancelled");
  EXPECT_EQ(mails[0].recipient, "a1@example.org");
}

TEST_F(AdminTest, ResponsibleServiceGoesToTheCaseworkersDeputyOnly) {
  const Appointment a = book("a1", "carl", "counselling", 10);
  auto report = admin_->retire_staff(admin_actor, "carl", true);
  ASSERT_TRUE(report && report->applied);
  EXPECT_EQ(stored(a).staff_id, "dora");
  for (const ResponsibilityRule& r : store_->load_catalog().responsibility_rules) EXPECT_NE(r.staff_id, "carl");
}

TEST_F(AdminTest, RemovingASkillAffectsOnlyThatServicesAppointments) {
  book("a1", "anna", "benefits", 9);
  Staff carl = person("carl", {"benefits", "counselling"}, {"dora"});
  ASSERT_TRUE(admin_->change_staff(admin_actor, carl, false)->applied);
  const Appointment c = book("c1", "carl", "counselling", 11);
  const Appointment d = book("d1", "carl", "benefits", 13);
  carl.skills = {"counselling"};
  auto report = admin_->change_staff(admin_actor, carl, false);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->applied);
  ASSERT_EQ(report->affected.size(), 1u);
  EXPECT_EQ(report->affected[0].appointment.id, d.id);
  EXPECT_EQ(report->affected[0].reason, "not_qualified");
  EXPECT_EQ(stored(c).staff_id, "carl");
}

TEST_F(AdminTest, PlanChangeThatPutsAnAppointmentIntoABreakNamesTheReason) {
  book("a1", "anna", "benefits", 10);
  Staff anna = person("anna", {"benefits"});
  anna.plan[1].breaks = {{hm(10), hm(10, 15)}};
  auto report = admin_->change_staff(admin_actor, anna, false);
  ASSERT_TRUE(report && !report->applied);
  ASSERT_EQ(report->affected.size(), 1u);
  EXPECT_EQ(report->affected[0].reason, "in_break");
  EXPECT_EQ(admin::reason_text("de", "in_break"), "Der Termin fällt in eine Pause.");
}

TEST_F(AdminTest, ClosureListsTheDaysAppointmentsAndCancelsThemOnlyWhenConfirmed) {
  const Appointment a = book("a1", "anna", "benefits", 9);
  const LocalDate day = *parse_date("2027-03-16");
  auto refused = admin_->add_closure(admin_actor, "mainz", day, false);
  ASSERT_TRUE(refused && !refused->applied);
  ASSERT_EQ(refused->affected.size(), 1u);
  EXPECT_EQ(refused->affected[0].reason, "location_closed");
  EXPECT_TRUE(store_->load_catalog().locations[0].closures.empty());
  auto done = admin_->add_closure(admin_actor, "mainz", day, true);
  ASSERT_TRUE(done && done->applied);
  EXPECT_EQ(store_->load_catalog().locations[0].closures, std::vector<LocalDate>{day});
  EXPECT_EQ(stored(a).status, AppointmentStatus::cancelled);
  EXPECT_EQ(store_->outbox_for_appointment(a.id).size(), 1u);
}

TEST_F(AdminTest, ShorterOpeningHoursAffectOnlyAppointmentsOutsideThem) {
  book("a1", "anna", "benefits", 9);
  const Appointment late = book("b1", "bert", "benefits", 15);
  WeekHours hours = catalogs_->current()->catalog.locations[0].opening_hours;
  hours[1] = {{hm(8), hm(14)}};
  auto report = admin_->set_opening_hours(admin_actor, "mainz", hours, false);
  ASSERT_TRUE(report && !report->applied);
  ASSERT_EQ(report->affected.size(), 1u);
  EXPECT_EQ(report->affected[0].appointment.id, late.id);
  EXPECT_EQ(report->affected[0].reason, "outside_opening_hours");
}

TEST_F(AdminTest, PastAndCancelledAppointmentsAreNeverAffected) {
  Appointment past = book("p1", "anna", "benefits", 9);
  Appointment gone = book("g1", "anna", "benefits", 11);
  past.start = *parse_rfc3339("2027-03-01T09:00:00+01:00");
  past.end = past.start + std::chrono::minutes{30};
  gone.status = AppointmentStatus::cancelled;
  store_->write([&](store::WriteTx& tx) {
    tx.update_appointment(past);
    tx.update_appointment(gone);
  });
  auto report = admin_->retire_staff(admin_actor, "anna", false);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->applied);
  EXPECT_TRUE(report->affected.empty());
}

TEST_F(AdminTest, RetiredServiceCannotBeBookedAndItsAppointmentsAreListed) {
  const Appointment a = book("a1", "anna", "benefits", 9);
  auto refused = admin_->retire_service(admin_actor, "benefits", false);
  ASSERT_TRUE(refused && !refused->applied);
  ASSERT_EQ(refused->affected.size(), 1u);
  EXPECT_EQ(refused->affected[0].reason, "service_retired");
  ASSERT_TRUE(admin_->retire_service(admin_actor, "benefits", true)->applied);
  EXPECT_FALSE(store_->load_catalog().service("benefits")->active);
  EXPECT_EQ(stored(a).status, AppointmentStatus::cancelled);
}

TEST_F(AdminTest, EveryChangeIsAuditedWithWhoChangedWhat) {
  const Appointment a = book("a1", "anna", "benefits", 9);
  ASSERT_TRUE(admin_->retire_staff(admin_actor, "anna", true)->applied);
  AuditQuery q;
  q.account_id = "acc-1";
  const auto entries = store_->audit_entries(q);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "catalog.staff.retire");
  EXPECT_EQ(entries[0].subject_id, "anna");
  EXPECT_EQ(entries[0].account_login, "admin");
  EXPECT_NE(entries[0].detail.find("reassigned 1"), std::string::npos);
  EXPECT_EQ(entries[1].action, "appointment.reassign");
  EXPECT_EQ(entries[1].subject_id, a.id);
}

TEST_F(AdminTest, RulesNamingUnknownStaffOrABackwardRangeAreRefused) {
  std::vector<ResponsibilityRule> rules = {{"mainz", "nobody", "100000", "199999", "", ""}, {"mainz", "dora", "900000", "800000", "", ""}};
  auto refused = admin_->set_responsibility_rules(admin_actor, "mainz", rules);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "rules.0.staff", "unknown_staff"));
  EXPECT_TRUE(has_field(refused.error(), "rules.1.to", "invalid_range"));
  rules = {{"mainz", "dora", "100000", "599999", "", ""}, {"mainz", "carl", "500000", "999999", "", ""}};
  refused = admin_->set_responsibility_rules(admin_actor, "mainz", rules);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "rules.1.from", "overlap"));
  rules = {{"mainz", "dora", "100000", "999999", "", ""}};
  ASSERT_TRUE(admin_->set_responsibility_rules(admin_actor, "mainz", rules)->applied);
  EXPECT_EQ(store_->load_catalog().responsibility_rules.size(), 1u);
}

TEST_F(AdminTest, LetterRulesWithBadLettersOrBackwardRangesAreRefusedWithGermanMessages) {
  std::vector<ResponsibilityRule> rules = {{"mainz", "carl", "", "", "A1", "K"},
                                           {"mainz", "dora", "", "", "M", "Ä"},
                                           {"mainz", "dora", "", "", "S", "Abcdefghijkl"}};
  auto refused = admin_->set_responsibility_rules(admin_actor, "mainz", rules);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "rules.0.from", "invalid_letters"));
  EXPECT_TRUE(has_field(refused.error(), "rules.1.to", "invalid_letter_range"));
  EXPECT_TRUE(has_field(refused.error(), "rules.2.to", "invalid_letters"));
  const FieldError bad{"rules.0.from", "invalid_letters", "A letter range uses 1 to 10 letters per end, like A-K."};
  EXPECT_NE(admin::field_message("de", bad).find("Buchstaben"), std::string::npos);
  EXPECT_EQ(admin::field_message("en", bad), bad.message);
}

TEST_F(AdminTest, OverlappingLetterRangesAreRefusedButLettersNeverOverlapNumbers) {
  std::vector<ResponsibilityRule> rules = {{"mainz", "carl", "", "", "A", "Sch"}, {"mainz", "dora", "", "", "S", "Z"}};
  auto refused = admin_->set_responsibility_rules(admin_actor, "mainz", rules);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "rules.1.from", "overlap"));
  rules = {{"mainz", "carl", "100000", "499999", "", ""},
           {"mainz", "carl", "", "", "A", "Sch"},
           {"mainz", "dora", "", "", "Sci", "Z"}};
  ASSERT_TRUE(admin_->set_responsibility_rules(admin_actor, "mainz", rules)->applied);
  const auto saved = store_->load_catalog().responsibility_rules;
  ASSERT_EQ(saved.size(), 3u);
  EXPECT_EQ(saved[2].surname_from, "Sci");
  EXPECT_EQ(responsible_staff(catalogs_->current()->catalog, "mainz", "", "Lea Zimmer"), "dora");
}

TEST_F(AdminTest, BookingWithASurnameAndNoCustomerNumberGoesToTheLetterRulesCaseworker) {
  std::vector<ResponsibilityRule> rules = {{"mainz", "carl", "100000", "999999", "", ""},
                                           {"mainz", "carl", "", "", "A", "L"},
                                           {"mainz", "dora", "", "", "M", "Z"}};
  ASSERT_TRUE(admin_->set_responsibility_rules(admin_actor, "mainz", rules)->applied);
  Bookings bookings(*store_, *catalogs_, clock_, BookingPolicy{3, 62, "test-secret"});
  AvailabilityRequest query{"mainz", "counselling", "2027-03-16", "2027-03-16", "", "Müller"};
  auto free = bookings.availability(query);
  ASSERT_TRUE(free && !free->days.empty() && !free->days.front().slots.empty());
  BookingRequest r;
  r.location_id = "mainz";
  r.service_id = "counselling";
  r.start = format_rfc3339(free->days.front().slots.front().start, zone("Europe/Berlin"));
  r.contact = {"Jonas Müller", "jonas@example.org", ""};
  auto booked = bookings.book(r);
  ASSERT_TRUE(booked) << booked.error().detail;
  EXPECT_EQ(booked->appointment.staff_id, "dora");
  r.contact = {"Zoe Zander", "zoe@example.org", ""};  // Z would be dora's, but the number is carl's
  r.customer_number = "654321";
  booked = bookings.book(r);
  ASSERT_TRUE(booked) << booked.error().detail;
  EXPECT_EQ(booked->appointment.staff_id, "carl");
}

TEST_F(AdminTest, TerminpflichtDateChangesAndIsServedAtOnce) {
  const LocalDate from = *parse_date("2027-06-01");
  ASSERT_TRUE(admin_->set_terminpflicht(admin_actor, "mainz", from)->applied);
  EXPECT_EQ(catalogs_->current()->catalog.locations[0].terminpflicht_from, from);
  auto refused = admin_->set_terminpflicht(admin_actor, "nowhere", from);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "location", "unknown"));
}

}  // namespace
}  // namespace amt::app::testing
