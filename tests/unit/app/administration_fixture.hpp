// A small office for the administration tests: one location open on weekdays 08:00-16:00, a pool
// service and a responsible one, four people, on a real SQLite file with a fixed clock.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <unistd.h>

#include "app/administration.hpp"
#include "app/secrets.hpp"

namespace amt::app::testing {

inline Staff person(const std::string& id, std::vector<Id> skills, std::vector<Id> deputies = {}) {
  Staff s;
  s.id = id;
  s.location_id = "mainz";
  s.name = "Person " + id;
  s.team = "Team";
  s.skills = std::move(skills);
  s.deputies = std::move(deputies);
  for (int d = 0; d < 5; ++d) s.plan[static_cast<std::size_t>(d)] = {{{hm(8), hm(16)}}, {{hm(12), hm(12, 30)}}};
  return s;
}

inline Service concern(const std::string& id, Routing routing = Routing::pool) {
  Service s;
  s.id = id;
  s.location_id = "mainz";
  s.name = "Anliegen " + id;
  s.duration_minutes = 30;
  s.lead_time_minutes = 60;
  s.horizon_days = 56;
  s.routing = routing;
  return s;
}

inline Catalog small_office() {
  Catalog c;
  Location l;
  l.id = "mainz";
  l.name = "Jobcenter Mainz";
  for (int d = 0; d < 5; ++d) l.opening_hours[static_cast<std::size_t>(d)] = {{hm(8), hm(16)}};
  l.terminpflicht_from = *parse_date("2027-01-01");
  c.locations = {l};
  c.services = {concern("benefits"), concern("counselling", Routing::responsible)};
  c.staff = {person("anna", {"benefits"}), person("bert", {"benefits"}), person("carl", {"counselling"}, {"dora"}),
             person("dora", {"counselling"})};
  c.responsibility_rules = {{"mainz", "carl", "100000", "499999", "", ""},
                            {"mainz", "dora", "500000", "999999", "", ""}};
  return c;
}

class AdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("amt-admin-" + std::to_string(::getpid()) + "-" + random_nonce().substr(0, 8));
    store_ = store::open_store("sqlite:" + (dir_ / "test.db").string());
    store_->migrate();
    store_->replace_catalog(small_office());
    catalogs_ = std::make_unique<CatalogHolder>(*store_);
    AdminPolicy policy;
    policy.public_url = "https://termine.example.org";
    admin_ = std::make_unique<Administration>(*store_, *catalogs_, clock_, policy);
  }
  void TearDown() override {
    admin_.reset();
    catalogs_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A booked appointment on Tuesday 2027-03-16 (Europe/Berlin, UTC+1) at hour:minute local time.
  Appointment book(const std::string& id, const Id& staff, const Id& service, int hour, int minute = 0) {
    Appointment a;
    a.id = id;
    a.code = "C" + id;
    a.location_id = "mainz";
    a.service_id = service;
    a.staff_id = staff;
    a.start = *parse_rfc3339("2027-03-16T00:00:00+01:00") + std::chrono::hours{hour} + std::chrono::minutes{minute};
    a.end = a.start + std::chrono::minutes{30};
    a.manage_token_hash = "hash";
    a.contact = {"Erika Mustermann", id + "@example.org", ""};
    a.customer_number = "200000";
    a.created_at = clock_.now();
    store_->write([&](store::WriteTx& tx) { tx.insert_appointment(a); });
    return a;
  }
  Appointment stored(const Appointment& a) { return *store_->appointment_by_code(a.code); }

  const AdminActor admin_actor{"acc-1", "admin"};
  std::filesystem::path dir_;
  Clock clock_{*parse_rfc3339("2027-03-08T07:00:00Z")};  // a Monday, a week before
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CatalogHolder> catalogs_;
  std::unique_ptr<Administration> admin_;
};

}  // namespace amt::app::testing
