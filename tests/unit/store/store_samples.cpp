// Sample reference data and appointments for the store tests, field-by-field comparisons, and
// waiting for a store's data version.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

LocalDate day(int year, int month, int d) {
  return LocalDate{date::year{year} / static_cast<unsigned>(month) / static_cast<unsigned>(d)};
}

Location mainz() {
  Location l;
  l.id = "mainz";
  l.name = "Jobcenter Mainz";
  l.address = "Untere Zahlbacher Straße 27, 55131 Mainz";
  l.phone = "+49 6131 0000";
  l.time_zone = "Europe/Berlin";
  for (int d = 0; d < 5; ++d) l.opening_hours[d] = {{hm(8), hm(12)}};
  l.opening_hours[3].push_back({hm(14), hm(18)});  // Thursday afternoon
  l.closures = {day(2027, 12, 24), day(2027, 12, 31)};
  l.terminpflicht_from = day(2027, 3, 1);
  l.slot_minutes = 15;
  return l;
}

Location bingen() {
  Location l;
  l.id = "bingen";
  l.name = "Jobcenter Bingen";
  l.time_zone = "Europe/Berlin";
  l.terminpflicht_from = day(2027, 4, 1);
  l.slot_minutes = 20;
  return l;
}

Service service(const std::string& id, const std::string& location, ChannelSet channels) {
  Service s;
  s.id = id;
  s.location_id = location;
  s.name = "Service " + id;
  s.group = "Geldleistungen";
  s.description = "Plain words about " + id;
  s.channels = channels;
  return s;
}

Staff person(const std::string& id, const std::string& location, std::vector<Id> skills,
             std::vector<Id> deputies) {
  Staff s;
  s.id = id;
  s.location_id = location;
  s.name = "Name of " + id;
  s.team = "Team 1";
  s.room = "E.0" + std::to_string(id.size());
  s.skills = std::move(skills);
  s.deputies = std::move(deputies);
  s.plan[0] = {{{hm(8), hm(12)}, {hm(13), hm(16)}}, {{hm(10), hm(10, 15)}}};
  s.plan[1] = {{{hm(8), hm(12)}}, {}};
  return s;
}

}  // namespace

Instant at_utc(int year, int month, int d, int hour, int minute) {
  return date::sys_days{day(year, month, d).time_since_epoch()} + std::chrono::hours{hour} +
         std::chrono::minutes{minute};
}

Catalog sample_catalog() {
  Catalog c;
  c.locations = {mainz(), bingen()};
  Service first = service("first-application", "mainz", all_channels);
  first.documents = {"Personalausweis", "Mietvertrag", "Kontoauszüge der letzten 3 Monate"};
  first.duration_minutes = 45;
  first.lead_time_minutes = 120;
  first.horizon_days = 28;
  first.routing = Routing::responsible;
  Service copy = service("id-card-copy", "mainz", static_cast<ChannelSet>(Channel::kiosk));
  copy.active = false;
  c.services = {first, copy, service("bingen-general", "bingen", 3)};
  Staff carl = person("carl", "mainz", {"id-card-copy"}, {});
  carl.active = false;
  c.staff = {person("anna", "mainz", {"first-application", "id-card-copy"}, {"carl", "bert"}),
             person("bert", "mainz", {"first-application"}, {"anna"}), carl,
             person("dora", "bingen", {"bingen-general"}, {})};
  c.absences = {{"abs-1", "anna", at_utc(2027, 3, 16, 0), at_utc(2027, 3, 18, 0), "Urlaub"},
                {"abs-2", "bert", at_utc(2027, 3, 20, 7), at_utc(2027, 3, 20, 11), "Fortbildung"}};
  c.responsibility_rules = {{"mainz", "bert", "5000000", "9999999", "", ""},
                            {"mainz", "anna", "0000000", "4999999", "", ""},
                            {"mainz", "bert", "", "", "\u00c4", "Sch"},
                            {"bingen", "dora", "0000000", "9999999", "", ""}};
  return c;
}

Appointment numbered(int n) {
  return sample_appointment("a" + std::to_string(n), at_utc(2027, 3, 15, 8) + Minutes{30 * n});
}

Appointment sample_appointment(const std::string& id, Instant start, Minutes duration) {
  Appointment a;
  a.id = id;
  a.code = "K" + id;
  a.location_id = "mainz";
  a.service_id = "first-application";
  a.staff_id = "anna";
  a.start = start;
  a.end = start + duration;
  a.channel = Channel::phone;
  a.staff_fixed = true;
  a.manage_token_hash = "hash-of-" + id;
  a.contact = {"Erika Mustermann", "erika@example.org", "+491701234567"};
  a.customer_number = "1234567";
  a.note = "Bitte mit Dolmetscher (Arabisch)";
  a.language = "ar";
  a.created_at = at_utc(2027, 3, 1, 9, 30);
  return a;
}

OutboxMessage sample_message(const std::string& id, Instant not_before, const std::string& appointment_id) {
  OutboxMessage m;
  m.id = id;
  m.channel = "email";
  m.kind = "booking_confirmed";
  m.appointment_id = appointment_id;
  m.recipient = "erika@example.org";
  m.subject = "Ihr Termin";
  m.body = "Buchungscode KA1, Link https://example.org/manage?token=secret";
  m.attachment_name = "termin.ics";
  m.attachment_type = "text/calendar";
  m.attachment = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
  m.qr_text = "KA1";
  m.not_before = not_before;
  m.created_at = not_before;
  return m;
}

StaffAccount sample_account(const std::string& id, const std::string& login, const Id& staff_id,
                            RoleSet roles) {
  StaffAccount a;
  a.id = id;
  a.login = login;
  a.display_name = "Name of " + login;
  a.staff_id = staff_id;
  a.location_id = "mainz";
  a.roles = roles;
  a.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
  a.created_at = at_utc(2027, 3, 1, 9);
  return a;
}

AccountWrite insert_staff_account(Store& store, const StaffAccount& a) {
  AccountWrite written = AccountWrite::written;
  store.write([&](WriteTx& tx) { written = tx.insert_staff_account(a); });
  return written;
}

void insert(Store& store, const Appointment& a) {
  store.write([&](WriteTx& tx) { tx.insert_appointment(a); });
}

std::uint64_t known_version(Store& store) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (;;) {
    if (auto version = store.data_version()) return *version;
    if (std::chrono::steady_clock::now() > until) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ADD_FAILURE() << "the store did not vouch for its data version within 5 s";
  return 0;
}

void expect_same(const Appointment& e, const Appointment& a) {
  SCOPED_TRACE("appointment " + e.id);
  EXPECT_EQ(e.id, a.id);
  EXPECT_EQ(e.code, a.code);
  EXPECT_EQ(e.location_id, a.location_id);
  EXPECT_EQ(e.service_id, a.service_id);
  EXPECT_EQ(e.staff_id, a.staff_id);
  EXPECT_EQ(e.start.time_since_epoch().count(), a.start.time_since_epoch().count());
  EXPECT_EQ(e.end.time_since_epoch().count(), a.end.time_since_epoch().count());
  EXPECT_EQ(to_string(e.channel), std::string(to_string(a.channel)));
  EXPECT_EQ(to_string(e.status), std::string(to_string(a.status)));
  EXPECT_EQ(e.staff_fixed, a.staff_fixed);
  EXPECT_EQ(e.manage_token_hash, a.manage_token_hash);
  EXPECT_EQ(e.contact.name, a.contact.name);
  EXPECT_EQ(e.contact.email, a.contact.email);
  EXPECT_EQ(e.contact.phone, a.contact.phone);
  EXPECT_EQ(e.customer_number, a.customer_number);
  EXPECT_EQ(e.note, a.note);
  EXPECT_EQ(e.language, a.language);
  EXPECT_EQ(e.created_at.time_since_epoch().count(), a.created_at.time_since_epoch().count());
}

}  // namespace amt::store::testing
