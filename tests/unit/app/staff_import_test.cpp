// The staff CSV import: the reader, the working-day format, the dry-run report and all-or-nothing.
#include "app/staff_import.hpp"

#include "administration_fixture.hpp"

namespace amt::app::testing {
namespace {

const std::string header = "id,location,name,team,room,skills,deputies,mon,tue,wed,thu,fri,sat,sun\n";

bool reports(const StaffImportReport& r, int line, const std::string& field, const std::string& code) {
  for (const ImportProblem& p : r.problems)
    if (p.line == line && p.field == field && p.code == code) return true;
  return false;
}

TEST(StaffImportCsv, ReadsQuotedCellsSemicolonsAByteOrderMarkAndLineNumbers) {
  const auto records = parse_csv("\xEF\xBB\xBFid;name\r\nanna;\"Becker; Anna\"\n\nbert;\"zwei\nZeilen \"\"B\"\"\"\ncarl;C\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].cells, (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(records[1].cells[1], "Becker; Anna");
  EXPECT_EQ(records[2].line, 4);
  EXPECT_EQ(records[2].cells[1], "zwei\nZeilen \"B\"");
  EXPECT_EQ(records[3].line, 6);
}

TEST(StaffImportCsv, WorkDayCellHasShiftsThenBreaks) {
  WorkDay d;
  ASSERT_TRUE(parse_work_day("07:30-12:00 13:00-16:00 Pause 10:00-10:15", d));
  EXPECT_EQ(d.shifts, (std::vector<TimeRange>{{hm(7, 30), hm(12)}, {hm(13), hm(16)}}));
  EXPECT_EQ(d.breaks, (std::vector<TimeRange>{{hm(10), hm(10, 15)}}));
  ASSERT_TRUE(parse_work_day("  ", d));
  EXPECT_TRUE(d.shifts.empty());
  EXPECT_FALSE(parse_work_day("8-16", d));
  EXPECT_FALSE(parse_work_day("08:00-16:00 Pause", d));
}

TEST_F(AdminTest, ImportAddsNewStaffAndReplacesKnownOnesWithTheirPlans) {
  const std::string csv = header +
                          "eve,mainz,Eva Neu,Team 3,B.12,benefits|counselling,anna,08:00-12:00,,,,,,\n"
                          "anna,mainz,Anna Becker,Team 1,A.1,benefits,,07:30-16:00 Pause 12:00-12:30,,,,,,\n";
  auto report = import_staff(*admin_, admin_actor, csv, false, false);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->problems.empty());
  EXPECT_TRUE(report->change.applied);
  EXPECT_EQ(report->added, 1);
  EXPECT_EQ(report->changed, 1);
  const Catalog c = store_->load_catalog();
  ASSERT_NE(c.staff_member("eve"), nullptr);
  EXPECT_EQ(c.staff_member("eve")->skills, (std::vector<Id>{"benefits", "counselling"}));
  EXPECT_EQ(c.staff_member("eve")->deputies, std::vector<Id>{"anna"});
  EXPECT_EQ(c.staff_member("anna")->plan[0].breaks, (std::vector<TimeRange>{{hm(12), hm(12, 30)}}));
  EXPECT_TRUE(c.staff_member("anna")->plan[1].shifts.empty());
  EXPECT_NE(catalogs_->current()->catalog.staff_member("eve"), nullptr);
}

TEST_F(AdminTest, DryRunReportsEveryRejectedRowWithLineFieldAndReasonAndWritesNothing) {
  const std::string csv = header +
                          "eve,mainz,Eva,T,R,benefits,,08:00-12:00,,,,,,\n"          // line 2: fine
                          "BAD ID,mainz,,T,R,benefits,,,,,,,,\n"                      // line 3: id, name
                          "fred,mainz,Fred,T,R,no-such,,8-12,,,,,,\n"                 // line 4: skills, mon
                          "gina,mainz,Gina,T,R,benefits,\"nobody\",,,,,,,\n"          // line 5: deputies
                          "eve,mainz,Eva 2,T,R,benefits,,,,,,,,\n"                    // line 6: duplicate
                          "hans,mainz,Hans\n";                                        // line 7: columns
  auto report = import_staff(*admin_, admin_actor, csv, true, false);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->change.applied);
  EXPECT_EQ(report->rows, 6);
  EXPECT_TRUE(reports(*report, 3, "id", "invalid_id"));
  EXPECT_TRUE(reports(*report, 3, "name", "required"));
  EXPECT_TRUE(reports(*report, 4, "skills", "unknown_service"));
  EXPECT_TRUE(reports(*report, 4, "mon", "invalid_time"));
  EXPECT_TRUE(reports(*report, 5, "deputies", "unknown_staff"));
  EXPECT_TRUE(reports(*report, 6, "id", "duplicate_row"));
  EXPECT_TRUE(reports(*report, 7, "", "columns"));
  for (const ImportProblem& p : report->problems) EXPECT_NE(p.line, 2) << p.field << " " << p.message;
  EXPECT_EQ(store_->load_catalog().staff_member("eve"), nullptr);
}

TEST_F(AdminTest, ImportWithOneBadRowWritesNoRowAtAll) {
  const std::string csv = header + "eve,mainz,Eva,T,R,benefits,,08:00-12:00,,,,,,\n" +
                          "fred,mainz,Fred,T,R,benefits,,12:00-08:00,,,,,,\n";
  auto report = import_staff(*admin_, admin_actor, csv, false, false);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->change.applied);
  EXPECT_TRUE(reports(*report, 3, "mon", "invalid_range"));
  EXPECT_EQ(store_->load_catalog().staff_member("eve"), nullptr);
  EXPECT_EQ(store_->load_catalog().staff.size(), 4u);
}

TEST_F(AdminTest, ImportThatWouldOrphanAppointmentsIsRefusedWithTheirListUnlessConfirmed) {
  const Appointment a = book("a1", "anna", "benefits", 9);
  const std::string csv = header + "anna,mainz,Anna,T,R,benefits,,,,,,,,\n";  // no longer works at all
  auto refused = import_staff(*admin_, admin_actor, csv, false, false);
  ASSERT_TRUE(refused);
  EXPECT_TRUE(refused->problems.empty());
  EXPECT_FALSE(refused->change.applied);
  ASSERT_EQ(refused->change.affected.size(), 1u);
  EXPECT_EQ(refused->change.affected[0].reason, "outside_working_time");
  auto done = import_staff(*admin_, admin_actor, csv, false, true);
  ASSERT_TRUE(done && done->change.applied);
  EXPECT_EQ(stored(a).staff_id, "bert");
}

TEST_F(AdminTest, ImportWithAMissingColumnNamesItAndReadsNoRows) {
  auto report = import_staff(*admin_, admin_actor, "id,location,name,skills,mon,tue\neve,mainz,Eva,benefits,,\n", true, false);
  ASSERT_TRUE(report);
  EXPECT_TRUE(reports(*report, 1, "wed", "header"));
  EXPECT_TRUE(reports(*report, 1, "sun", "header"));
  EXPECT_FALSE(report->change.applied);
}

}  // namespace
}  // namespace amt::app::testing
