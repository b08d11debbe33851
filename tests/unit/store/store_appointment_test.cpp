// Contract: appointments (round trip, overlap query, unique codes, contact limits) and
// idempotency records.
#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

std::vector<std::string> ids(const std::vector<Appointment>& list) {
  std::vector<std::string> out;
  for (const Appointment& a : list) out.push_back(a.id);
  return out;
}

TEST_P(StoreContract, AppointmentReadsBackWithEveryField) {
  Appointment a = sample_appointment("a1", at_utc(2027, 3, 15, 8));
  insert(store(), a);
  auto read = store().appointment_by_code(a.code);
  ASSERT_TRUE(read.has_value());
  expect_same(a, *read);
  EXPECT_EQ(store().count_appointments(), 1);
  EXPECT_FALSE(store().appointment_by_code("NOSUCH").has_value());
}

TEST_P(StoreContract, WriteTransactionSeesItsOwnAndEarlierAppointments) {
  Appointment a = sample_appointment("a1", at_utc(2027, 3, 15, 8));
  insert(store(), a);
  store().write([&](WriteTx& tx) {
    EXPECT_TRUE(tx.code_exists(a.code));
    EXPECT_FALSE(tx.code_exists("KNONE"));
    ASSERT_TRUE(tx.appointment_by_id("a1").has_value());
    expect_same(a, *tx.appointment_by_code(a.code));
    tx.insert_appointment(sample_appointment("a2", at_utc(2027, 3, 15, 9)));
    EXPECT_EQ(ids(tx.appointments("mainz", at_utc(2027, 3, 15, 0), at_utc(2027, 3, 16, 0))),
              (std::vector<std::string>{"a1", "a2"}));
  });
}

TEST_P(StoreContract, UpdateWritesStatusStaffTimesAndContact) {
  Appointment a = sample_appointment("a1", at_utc(2027, 3, 15, 8));
  insert(store(), a);
  a.status = AppointmentStatus::checked_in;
  a.staff_id = "bert";
  a.staff_fixed = false;
  a.start = at_utc(2027, 3, 16, 10);
  a.end = at_utc(2027, 3, 16, 10, 45);
  a.contact = {"Erika M.", "", "+4930123"};
  a.note = "";
  store().write([&](WriteTx& tx) { tx.update_appointment(a); });
  expect_same(a, *store().appointment_by_code(a.code));
}

TEST_P(StoreContract, OverlapQueryTreatsTouchingIntervalsAsFree) {
  insert(store(), sample_appointment("nine", at_utc(2027, 3, 15, 9)));  // [09:00, 09:30)
  auto overlapping = [&](Instant from, Instant to) { return ids(store().appointments("mainz", from, to)); };
  using V = std::vector<std::string>;
  EXPECT_EQ(overlapping(at_utc(2027, 3, 15, 9, 30), at_utc(2027, 3, 15, 10)), V{});
  EXPECT_EQ(overlapping(at_utc(2027, 3, 15, 8, 30), at_utc(2027, 3, 15, 9)), V{});
  EXPECT_EQ(overlapping(at_utc(2027, 3, 15, 9, 29), at_utc(2027, 3, 15, 9, 31)), V{"nine"});
  EXPECT_EQ(overlapping(at_utc(2027, 3, 15, 9, 10), at_utc(2027, 3, 15, 9, 20)), V{"nine"});
  EXPECT_EQ(overlapping(at_utc(2027, 3, 15, 0), at_utc(2027, 3, 16, 0)), V{"nine"});
  EXPECT_EQ(ids(store().appointments("bingen", at_utc(2027, 3, 15, 0), at_utc(2027, 3, 16, 0))), V{});
}

TEST_P(StoreContract, OverlapQueryIgnoresCancelledAndNoShowButKeepsCheckedIn) {
  // The two that hold time go to different staff: a store may refuse to book anna twice at once.
  auto with_status = [](const std::string& id, AppointmentStatus s, const std::string& staff = "anna") {
    Appointment a = sample_appointment(id, at_utc(2027, 3, 15, 9));
    a.status = s;
    a.staff_id = staff;
    return a;
  };
  insert(store(), with_status("cancelled", AppointmentStatus::cancelled));
  insert(store(), with_status("no-show", AppointmentStatus::no_show));
  insert(store(), with_status("checked-in", AppointmentStatus::checked_in));
  insert(store(), with_status("done", AppointmentStatus::done, "bert"));
  auto found = ids(store().appointments("mainz", at_utc(2027, 3, 15, 9), at_utc(2027, 3, 15, 10)));
  EXPECT_EQ(found, (std::vector<std::string>{"checked-in", "done"}));
}

TEST_P(StoreContract, OverlapQueryFindsALongAppointmentThatStartedHoursBefore) {
  insert(store(), sample_appointment("long", at_utc(2027, 3, 15, 6), Minutes{8 * 60}));
  auto found = ids(store().appointments("mainz", at_utc(2027, 3, 15, 13), at_utc(2027, 3, 15, 14)));
  EXPECT_EQ(found, std::vector<std::string>{"long"});
}

// The planner's read: the same appointments as appointments(), in the same order, with the
// fields the planner uses and nothing personal.
TEST_P(StoreContract, PlanningReadHasTheSameAppointmentsWithOnlyThePlannersFields) {
  Appointment fixed = sample_appointment("fixed", at_utc(2027, 3, 15, 9));
  fixed.staff_fixed = true;
  fixed.status = AppointmentStatus::checked_in;
  insert(store(), fixed);
  insert(store(), sample_appointment("early", at_utc(2027, 3, 15, 8)));
  Appointment gone = sample_appointment("gone", at_utc(2027, 3, 15, 10));
  gone.status = AppointmentStatus::cancelled;
  insert(store(), gone);
  const Instant from = at_utc(2027, 3, 15, 0), to = at_utc(2027, 3, 16, 0);
  const auto check = [&](const std::vector<Appointment>& planned, const std::vector<Appointment>& full) {
    ASSERT_EQ(ids(planned), (std::vector<std::string>{"early", "fixed"}));
    ASSERT_EQ(ids(full), ids(planned));
    for (std::size_t i = 0; i < planned.size(); ++i) {
      const Appointment &p = planned[i], &f = full[i];
      EXPECT_EQ(std::tie(p.location_id, p.service_id, p.staff_id, p.start, p.end, p.status, p.staff_fixed),
                std::tie(f.location_id, f.service_id, f.staff_id, f.start, f.end, f.status, f.staff_fixed));
      EXPECT_EQ(p.contact.name + p.contact.email + p.contact.phone + p.code + p.note + p.manage_token_hash, "");
    }
  };
  check(store().appointments_to_plan("mainz", from, to), store().appointments("mainz", from, to));
  store().write([&](WriteTx& tx) { check(tx.appointments_to_plan("mainz", from, to), tx.appointments("mainz", from, to)); });
}

TEST_P(StoreContract, DuplicateBookingCodeIsRefused) {
  insert(store(), sample_appointment("a1", at_utc(2027, 3, 15, 8)));
  Appointment twin = sample_appointment("a2", at_utc(2027, 3, 15, 10));
  twin.code = "Ka1";
  EXPECT_ANY_THROW(insert(store(), twin));
  EXPECT_EQ(store().count_appointments(), 1);
}

TEST_P(StoreContract, CountsOnlyFutureBookedAppointmentsOfAContact) {
  Instant now = at_utc(2027, 3, 10, 12);
  auto booking = [](const std::string& id, Instant start, std::string email, std::string phone) {
    Appointment a = sample_appointment(id, start);
    a.contact.email = std::move(email);
    a.contact.phone = std::move(phone);
    return a;
  };
  insert(store(), booking("mail", at_utc(2027, 3, 11, 8), "erika@example.org", ""));
  insert(store(), booking("phone", at_utc(2027, 3, 12, 8), "", "+4917000"));
  insert(store(), booking("both", at_utc(2027, 3, 13, 8), "erika@example.org", "+4917000"));
  insert(store(), booking("past", at_utc(2027, 3, 9, 8), "erika@example.org", "+4917000"));
  Appointment cancelled = booking("cancelled", at_utc(2027, 3, 14, 8), "erika@example.org", "");
  cancelled.status = AppointmentStatus::cancelled;
  insert(store(), cancelled);
  insert(store(), booking("nobody", at_utc(2027, 3, 15, 8), "", ""));
  int by_both = 0, by_mail = 0, by_phone = 0, by_nothing = 0;
  store().write([&](WriteTx& tx) {
    by_both = tx.count_active_for_contact("erika@example.org", "+4917000", now);
    by_mail = tx.count_active_for_contact("erika@example.org", "", now);
    by_phone = tx.count_active_for_contact("", "+4917000", now);
    by_nothing = tx.count_active_for_contact("", "", now);
  });
  EXPECT_EQ(by_both, 3);
  EXPECT_EQ(by_mail, 2);
  EXPECT_EQ(by_phone, 2);
  EXPECT_EQ(by_nothing, 0);
}

TEST_P(StoreContract, IdempotencyRecordReadsBackAndOldOnesArePurged) {
  insert(store(), sample_appointment("a1", at_utc(2027, 3, 15, 8)));
  IdempotencyRecord old{"key-old", "hash-1", "a1", "nonce-1", at_utc(2027, 3, 1, 8)};
  IdempotencyRecord fresh{"key-new", "hash-2", "a1", "nonce-2", at_utc(2027, 3, 2, 8)};
  store().write([&](WriteTx& tx) {
    tx.save_idempotency(old);
    tx.save_idempotency(fresh);
  });
  std::optional<IdempotencyRecord> read, missing;
  store().write([&](WriteTx& tx) {
    read = tx.idempotency("key-old");
    missing = tx.idempotency("key-none");
  });
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->request_hash, "hash-1");
  EXPECT_EQ(read->appointment_id, "a1");
  EXPECT_EQ(read->token_nonce, "nonce-1");
  EXPECT_EQ(read->created_at.time_since_epoch().count(), old.created_at.time_since_epoch().count());
  EXPECT_FALSE(missing.has_value());

  EXPECT_EQ(store().purge_idempotency(at_utc(2027, 3, 2, 8)), 1);
  store().write([&](WriteTx& tx) {
    EXPECT_FALSE(tx.idempotency("key-old").has_value());
    EXPECT_TRUE(tx.idempotency("key-new").has_value());
  });
}

TEST_P(StoreContract, SecondRecordWithTheSameIdempotencyKeyIsRefused) {
  insert(store(), sample_appointment("a1", at_utc(2027, 3, 15, 8)));
  IdempotencyRecord r{"key", "hash", "a1", "nonce", at_utc(2027, 3, 1, 8)};
  store().write([&](WriteTx& tx) { tx.save_idempotency(r); });
  EXPECT_ANY_THROW(store().write([&](WriteTx& tx) { tx.save_idempotency(r); }));
}

}  // namespace
}  // namespace amt::store::testing
