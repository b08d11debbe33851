// A start's capacity is what place() would find on the board as it is: counting the day's starts
// one after another on one board gives for each what it gives on a fresh copy of that board.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "core/day_board.hpp"
#include "core/day_frame.hpp"
#include "core/matching.hpp"
#include "core/roster.hpp"
#include "unit/core/capacity_fixture.hpp"
#include "unit/core/random_office.hpp"

namespace amt {
namespace {

using namespace amt::testing;
using capacity::DayBoard;
using capacity::DayFrame;
using capacity::Matcher;
using capacity::NewBooking;

// What decides the order of a search: each person's appointments, in the order the board keeps.
std::string held_lists(const DayBoard& board, int staff_count) {
  std::string out;
  for (int s = 0; s < staff_count; ++s) {
    out += std::to_string(s) + ":";
    for (const DayBoard::Held& h : board.held_by(s)) out += " " + std::to_string(h.appointment);
    out += "\n";
  }
  return out;
}

void expect_counts_independent_of_order(std::uint64_t seed) {
  Random rng(seed);
  const Catalog c = random_office(rng, 3 + static_cast<int>(seed % 8));
  const auto booked = random_bookings(rng, c, 140);
  const capacity::Roster roster(c, "mainz");
  for (int d = 0; d < 8; ++d) {
    const DayFrame frame(berlin(), day("2027-03-22") + date::days{d});
    DayBoard board(roster);
    board.reset(frame);
    for (int i = 0; i < static_cast<int>(booked.size()); ++i) board.add(booked[static_cast<std::size_t>(i)], i);
    const DayBoard fresh = board;
    const std::string lists = held_lists(board, roster.staff_count());
    Matcher matcher(board);
    for (const Service& s : c.services) {
      const int length = s.duration_minutes / capacity::kCellMinutes;
      for (const capacity::CellRange& open : frame.opening(roster.location(), roster.zone())) {
        for (int cell = open.begin; cell + length <= open.end; ++cell) {
          const NewBooking booking{roster.service_index(s.id), cell, cell + length};
          DayBoard alone_board = fresh;
          Matcher alone(alone_board);
          ASSERT_EQ(matcher.capacity(booking), alone.capacity(booking))
              << "seed " << seed << " day " << d << " service " << s.id << " cell " << cell;
        }
      }
    }
    EXPECT_EQ(held_lists(board, roster.staff_count()), lists) << "seed " << seed << " day " << d;
  }
}

TEST(CapacityOrder, AStartsCapacityDoesNotDependOnTheStartsCountedBeforeIt) {
  for (std::uint64_t seed = 1; seed <= 100; ++seed) expect_counts_independent_of_order(seed);
}

}  // namespace
}  // namespace amt
