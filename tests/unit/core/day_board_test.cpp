// The day board's bookkeeping when input data breaks the planner's rules: one person holding two
// overlapping appointments (entered by hand, or plans changed after booking).
#include "core/day_board.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "core/day_frame.hpp"
#include "core/roster.hpp"
#include "unit/core/capacity_fixture.hpp"

namespace amt {
namespace {

using namespace amt::testing;
using capacity::DayBoard;
using capacity::DayFrame;
using capacity::Word;

// Whether `who` is free (working, holding nothing) over the board's cells [begin, end).
bool free_over(const DayBoard& board, int who, int begin, int end) {
  std::vector<Word> mask(static_cast<std::size_t>(board.words()), 0);
  std::vector<Word> open(mask.size(), 0);
  std::vector<Word> free(mask.size(), 0);
  capacity::set_bit(mask.data(), who);
  board.open_and_free_over(begin, end, mask.data(), open.data(), free.data());
  return capacity::test_bit(free.data(), who);
}

TEST(DayBoard, MovingOneOfTwoOverlappingAppointmentsAwayKeepsThePersonBusyForTheOther) {
  const Catalog c = catalog({person("anna", {"x"}), person("ben", {"x"})}, {service("x")});
  const capacity::Roster roster(c, "mainz");
  const DayFrame frame(berlin(), day("2027-03-15"));
  DayBoard board(roster);
  board.reset(frame);
  // Both on Anna: 09:00-09:30 and 09:15-09:45.
  board.add(booking("a1", "x", "anna", local("2027-03-15", 9)), 0);
  board.add(booking("a2", "x", "anna", local("2027-03-15", 9, 15)), 1);
  const int anna = roster.staff_index("anna");
  const int ben = roster.staff_index("ben");
  const int nine = frame.cell_floor(local("2027-03-15", 9));

  const std::size_t mark = board.mark();
  board.move(0, ben);
  EXPECT_TRUE(free_over(board, anna, nine, nine + 3));       // 09:00-09:15: only a1 was there
  EXPECT_FALSE(free_over(board, anna, nine + 3, nine + 6));  // 09:15-09:30: a2 still is
  EXPECT_FALSE(free_over(board, ben, nine, nine + 6));

  board.undo_to(mark);
  EXPECT_FALSE(free_over(board, anna, nine, nine + 9));
  EXPECT_TRUE(free_over(board, ben, nine, nine + 6));
}

}  // namespace
}  // namespace amt
