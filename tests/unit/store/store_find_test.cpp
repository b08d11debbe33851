// The service center's find on both engines (issue #4, migration 017): a caller's bookings by
// code, phone (+49 and 0049 the same as 0), customer number or any part of the name, only in the
// locations and time asked for, earliest first.
#include "core/search_keys.hpp"
#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

Appointment find_caller(int n, const std::string& name, const std::string& phone, const std::string& customer) {
  Appointment a = numbered(n);
  a.contact = {name, "", phone};
  a.customer_number = customer;
  return a;
}

AppointmentSearch find_everywhere() {
  AppointmentSearch s;
  s.location_ids = {"mainz", "worms"};
  s.from = at_utc(2027, 3, 8, 0);
  s.to = at_utc(2028, 3, 8, 0);
  return s;
}

std::vector<std::string> found_codes(const std::vector<Appointment>& found) {
  std::vector<std::string> out;
  for (const Appointment& a : found) out.push_back(a.code);
  return out;
}

class FindContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    insert(store(), find_caller(1, "Zoë Müller-Lüdenscheidt", "+491511234567", "123D456789"));
    insert(store(), find_caller(2, "Hans Mueller", "01609876543", "777X123"));
    insert(store(), find_caller(3, "Erika Anrufer", "00491511234567", ""));
  }
  std::vector<std::string> find(AppointmentSearch s) { return found_codes(store().find_appointments(s)); }
};

TEST_P(FindContract, FindsABookingByItsCodeOnly) {
  AppointmentSearch s = find_everywhere();
  s.code = "Ka2";
  EXPECT_EQ(find(s), std::vector<std::string>{"Ka2"});
  s.code = "KA2";
  EXPECT_TRUE(find(s).empty());
}

TEST_P(FindContract, APhoneNumberFindsItWithEitherGermanPrefix) {
  AppointmentSearch s = find_everywhere();
  s.phone_key = phone_search_key("01511234567");
  EXPECT_EQ(find(s), (std::vector<std::string>{"Ka1", "Ka3"}));
  s.phone_key = phone_search_key("+491609876543");
  EXPECT_EQ(find(s), std::vector<std::string>{"Ka2"});
  s.phone_key = "0151123456";  // a number is matched whole, not by its start
  EXPECT_TRUE(find(s).empty());
}

TEST_P(FindContract, ACustomerNumberMatchesWholeInEitherCase) {
  AppointmentSearch s = find_everywhere();
  s.customer_key = "777x123";
  EXPECT_EQ(find(s), std::vector<std::string>{"Ka2"});
  s.customer_key = "777x12";
  EXPECT_TRUE(find(s).empty());
}

TEST_P(FindContract, AnyPartOfTheNameOfThreeBytesOrMoreFindsIt) {
  AppointmentSearch s = find_everywhere();
  s.name_part = "müller";
  EXPECT_EQ(find(s), std::vector<std::string>{"Ka1"});
  s.name_part = "ller";
  EXPECT_EQ(find(s), (std::vector<std::string>{"Ka1", "Ka2"}));
  s.name_part = "lüdenscheidt";
  EXPECT_EQ(find(s), std::vector<std::string>{"Ka1"});
  s.name_part = "hans mu";
  EXPECT_EQ(find(s), std::vector<std::string>{"Ka2"});
  s.name_part = "er";  // too short: would match nearly everyone
  EXPECT_TRUE(find(s).empty());
  s.name_part = "zzz";
  EXPECT_TRUE(find(s).empty());
}

TEST_P(FindContract, ARenamedBookingIsFoundByItsNewNameOnly) {
  auto renamed = *store().appointment_by_code("Ka2");
  renamed.contact.name = "Hanna Schmidt";
  store().write([&](WriteTx& tx) { tx.update_appointment(renamed); });
  AppointmentSearch s = find_everywhere();
  s.name_part = "mueller";
  EXPECT_TRUE(find(s).empty());
  s.name_part = "schmidt";
  EXPECT_EQ(find(s), std::vector<std::string>{"Ka2"});
}

TEST_P(FindContract, OnlyBookingsHoldingTimeInTheAskedLocationsAndRangeAreFound) {
  Appointment elsewhere = find_caller(4, "Hans Mueller", "", "");
  elsewhere.location_id = "worms";
  insert(store(), elsewhere);
  auto cancelled = *store().appointment_by_code("Ka1");
  cancelled.status = AppointmentStatus::cancelled;
  store().write([&](WriteTx& tx) { tx.update_appointment(cancelled); });
  AppointmentSearch s = find_everywhere();
  s.name_part = "mue";
  s.phone_key = "01511234567";
  EXPECT_EQ(find(s), (std::vector<std::string>{"Ka2", "Ka3", "Ka4"}));
  s.location_ids = {"mainz"};
  EXPECT_EQ(find(s), (std::vector<std::string>{"Ka2", "Ka3"}));
  s.limit = 1;
  EXPECT_EQ(find(s), std::vector<std::string>{"Ka2"});
  s.limit = 50;
  s.from = numbered(3).end;  // Ka2 and Ka3 are over by then
  EXPECT_TRUE(find(s).empty());
  s.location_ids = {};
  s.from = find_everywhere().from;
  EXPECT_TRUE(find(s).empty());
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Sqlite, FindContract, ::testing::Values(sqlite_backend()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Postgres, FindContract, ::testing::Values(postgres_backend()),
                         [](const auto& info) { return info.param.name; });

}  // namespace amt::store::testing
