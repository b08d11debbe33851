// The re-planning problem of one day: which appointments stay put, which may move, which lost
// their holder, who may take each of them, and which of them compete for the same people.
#pragma once

#include <cstdint>
#include <vector>

#include "core/replanning_day.hpp"

namespace amt::replan::detail {

// pinned: stays with its holder (fixed to the person, a responsible service, or already under
// way). movable: booked, pool service, may go to another qualified person. displaced: its holder
// cannot keep it; it may be kept by someone else or not at all.
enum class Kind : std::uint8_t { pinned, movable, displaced };

struct Choice {
  int staff;
  int rank;   // position in the Vertretung chain (displaced responsible services), else 0
  bool move;  // a movable appointment leaving its holder
};

struct Item {
  int source;  // index into DayInput::appointments
  Span span;
  int holder;  // staff index, -1 when not active staff of the location
  Kind kind;
  std::vector<Choice> choices;  // by preference; empty for pinned items
};

struct Block {  // time a finished appointment (done) holds
  int staff;
  Span span;
};

struct Instance {
  std::vector<Item> items;  // the plan's entries, by start
  std::vector<Block> finished;
  // Indices of movable and displaced items that may compete for someone, by start; only groups
  // containing a displaced item need a search.
  std::vector<std::vector<int>> components;
};

// Who may take an appointment of a responsible service: the citizen's caseworker (from the
// customer number, else the appointment's holder), then that person's deputies in order.
std::vector<Id> vertretung_chain(const Catalog& catalog, const Id& location_id, const Appointment& a);

Instance build_instance(const Catalog& catalog, const DayStaff& staff, const DayInput& day);

}  // namespace amt::replan::detail
