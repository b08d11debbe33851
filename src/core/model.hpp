// The domain's nouns as plain values, shared by every layer: locations, services, staff,
// absences, appointments. No behaviour beyond small lookups.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace amt {

using Id = std::string;  // opaque; the demo data uses readable slugs

// How a booking reached us. Services say which channels may book them.
enum class Channel : std::uint8_t { online = 1, phone = 2, kiosk = 4 };
using ChannelSet = std::uint8_t;
constexpr ChannelSet all_channels = 7;
constexpr bool allows(ChannelSet set, Channel c) { return (set & static_cast<std::uint8_t>(c)) != 0; }
const char* to_string(Channel c);
std::optional<Channel> channel_from_string(std::string_view s);

struct TimeRange {  // [start, end) on the wall clock of one day
  LocalTime start;
  LocalTime end;
  friend bool operator==(const TimeRange&, const TimeRange&) = default;
};
using WeekHours = std::array<std::vector<TimeRange>, 7>;  // index 0 = Monday

// Standort: where citizens come. Closures are local full-day closures on top of public holidays.
struct Location {
  Id id;
  std::string name;
  std::string address;
  std::string phone;
  std::string time_zone = "Europe/Berlin";
  WeekHours opening_hours;
  std::vector<LocalDate> closures;
  LocalDate terminpflicht_from{};  // Terminpflicht: from this day every concern needs an appointment
  int slot_minutes = 15;           // the grid on which appointments start
};

// Pool: anyone with the skill may take it. Responsible: the citizen's own caseworker
// (found from the customer number), then that person's deputies in order.
enum class Routing : std::uint8_t { pool, responsible };

// Anliegen: a concern a citizen can book.
struct Service {
  Id id;
  Id location_id;
  std::string name;
  std::string group;        // for grouping the choice, e.g. "Geldleistungen"
  std::string description;  // plain language
  int duration_minutes = 30;
  std::vector<std::string> documents;  // what to bring or upload
  ChannelSet channels = all_channels;
  int lead_time_minutes = 60;  // earliest start is now + lead time
  int horizon_days = 56;       // latest day is today + horizon
  Routing routing = Routing::pool;
  bool active = true;
};

struct WorkDay {  // one weekday of a working plan: shifts with breaks cut out of them
  std::vector<TimeRange> shifts;
  std::vector<TimeRange> breaks;
};

struct Staff {
  Id id;
  Id location_id;
  std::string name;
  std::string team;
  std::string room;
  std::vector<Id> skills;    // service ids this person handles, sorted
  std::vector<Id> deputies;  // Vertretung: who takes over, in order
  std::array<WorkDay, 7> plan;
  bool active = true;

  bool has_skill(const Id& service_id) const;
};

struct Absence {
  Id id;
  Id staff_id;
  Instant from;  // [from, to)
  Instant to;
  std::string reason;
};

// Customer numbers in [from, to] (compared as equal-length digit strings) belong to staff_id; or,
// for a surname rule (Buchstabenzuständigkeit), surnames whose folded initial letters lie in
// [surname_from, surname_to] ("A"-"K", "Sch"-"Sz"); then the customer number bounds are empty.
struct ResponsibilityRule {
  Id location_id;
  Id staff_id;
  std::string customer_number_from;
  std::string customer_number_to;
  std::string surname_from{};  // {}: rules written with number bounds only stay valid aggregates
  std::string surname_to{};

  bool by_surname() const { return !surname_from.empty() || !surname_to.empty(); }
};

// held: kept for a waitlist entry until accepted or expired (issue #8); holds time like a booking.
enum class AppointmentStatus : std::uint8_t { booked, checked_in, called, in_service, done, cancelled, no_show, held };
const char* to_string(AppointmentStatus s);
std::optional<AppointmentStatus> status_from_string(std::string_view s);
// Active appointments hold staff time; cancelled ones and no-shows do not.
constexpr bool holds_time(AppointmentStatus s) {
  return s != AppointmentStatus::cancelled && s != AppointmentStatus::no_show;
}

struct Contact {
  std::string name;
  std::string email;
  std::string phone;
};

struct Appointment {
  Id id;
  std::string code;  // public booking code, read over the phone
  Id location_id;
  Id service_id;
  Id staff_id;
  Instant start;
  Instant end;
  Channel channel = Channel::online;
  AppointmentStatus status = AppointmentStatus::booked;
  bool staff_fixed = false;  // bound to this person: never moved to make room for others
  std::string manage_token_hash;
  Contact contact;
  std::string customer_number;
  std::string note;
  std::string language = "de";
  Instant created_at;
};

// Everything that changes rarely: read once, cached, reloaded on change.
struct Catalog {
  std::vector<Location> locations;
  std::vector<Service> services;
  std::vector<Staff> staff;
  std::vector<Absence> absences;
  std::vector<ResponsibilityRule> responsibility_rules;

  const Location* location(const Id& id) const;
  const Service* service(const Id& id) const;
  const Staff* staff_member(const Id& id) const;
};

}  // namespace amt
