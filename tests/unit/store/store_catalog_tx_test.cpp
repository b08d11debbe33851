// Contract: the catalog read and replaced inside one write (administration changes).
#include <stdexcept>
#include <thread>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

TEST_P(StoreContract, CatalogChangedInsideAWriteReadsBackWithTheWritesOtherChanges) {
  store().replace_catalog(sample_catalog());
  Appointment a = sample_appointment("a1", at_utc(2027, 3, 15, 8));
  insert(store(), a);
  Catalog seen;
  store().write([&](WriteTx& tx) {
    seen = tx.load_catalog();
    Catalog next = seen;
    next.staff[1].name = "Bert Neu";
    next.locations[0].closures.insert(next.locations[0].closures.begin(), *parse_date("2027-12-23"));
    tx.replace_catalog(next);
    Appointment moved = *tx.appointment_by_id("a1");
    moved.staff_id = "bert";
    tx.update_appointment(moved);
  });
  expect_same(sample_catalog(), seen);
  Catalog expected = sample_catalog();
  expected.staff[1].name = "Bert Neu";
  expected.locations[0].closures.insert(expected.locations[0].closures.begin(), *parse_date("2027-12-23"));
  expect_same(expected, store().load_catalog());
  EXPECT_EQ(store().appointment_by_code(a.code)->staff_id, "bert");
}

TEST_P(StoreContract, CatalogChangeInAFailedWriteLeavesTheOldCatalogAndAppointments) {
  store().replace_catalog(sample_catalog());
  insert(store(), sample_appointment("a1", at_utc(2027, 3, 15, 8)));
  EXPECT_THROW(store().write([&](WriteTx& tx) {
    Catalog next = tx.load_catalog();
    next.services.erase(next.services.begin() + 2);  // bingen-general
    next.staff[3].skills.clear();
    tx.replace_catalog(next);
    Appointment moved = *tx.appointment_by_id("a1");
    moved.status = AppointmentStatus::cancelled;
    tx.update_appointment(moved);
    throw std::runtime_error("the admin's change was refused after all");
  }),
               std::runtime_error);
  expect_same(sample_catalog(), store().load_catalog());
  EXPECT_EQ(store().appointment_by_code("Ka1")->status, AppointmentStatus::booked);
}

TEST_P(StoreContract, CatalogWrittenInsideAWriteIsCheckedLikeAReplacement) {
  store().replace_catalog(sample_catalog());
  EXPECT_ANY_THROW(store().write([&](WriteTx& tx) {
    Catalog next = tx.load_catalog();
    next.staff[0].deputies.push_back("nobody");
    tx.replace_catalog(next);
  }));
  expect_same(sample_catalog(), store().load_catalog());
}

}  // namespace
}  // namespace amt::store::testing

namespace amt::store::testing {
namespace {

// Two admins change different people at the same moment: each read-change-write of the catalog
// must see the other's committed change, so neither is lost.
TEST_P(StoreContract, ConcurrentCatalogChangesInsideWritesAreBothKept) {
  store().replace_catalog(sample_catalog());
  auto rename = [&](std::size_t index, const std::string& name) {
    for (int i = 0; i < 5; ++i)
      store().write([&](WriteTx& tx) {
        Catalog next = tx.load_catalog();
        next.staff[index].name = name + std::to_string(i);
        tx.replace_catalog(next);
      });
  };
  std::thread first(rename, 0, "Anna ");
  std::thread second(rename, 1, "Bert ");
  first.join();
  second.join();
  const Catalog c = store().load_catalog();
  EXPECT_EQ(c.staff[0].name, "Anna 4");
  EXPECT_EQ(c.staff[1].name, "Bert 4");
}

// Another server (or `amtstermin import-staff`) on the same database learns from the version that
// its copy of the catalog is out of date.
TEST_P(StoreContract, CatalogVersionGrowsWithEveryCommittedReplacementAsAnotherStoreSeesIt) {
  const auto other = open_store(url());
  const std::int64_t before = other->catalog_version();
  store().replace_catalog(sample_catalog());
  EXPECT_EQ(other->catalog_version(), before + 1);
  store().write([&](WriteTx& tx) { tx.replace_catalog(tx.load_catalog()); });
  EXPECT_EQ(other->catalog_version(), before + 2);
  EXPECT_THROW(store().write([&](WriteTx& tx) {
    tx.replace_catalog(tx.load_catalog());
    throw std::runtime_error("refused after all");
  }),
               std::runtime_error);
  EXPECT_EQ(other->catalog_version(), before + 2);
  insert(store(), sample_appointment("a1", at_utc(2027, 3, 15, 8)));
  EXPECT_EQ(other->catalog_version(), before + 2);  // appointments are not reference data
}

}  // namespace
}  // namespace amt::store::testing
