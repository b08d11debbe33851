// One day of one location while a request is answered: per 5-minute cell who works, who holds an
// appointment and who holds one that may not move, plus the appointments and their holders. Every
// change is journaled so that hypothetical bookings and moves can be taken back.
#pragma once

#include <cstddef>
#include <vector>

#include "core/day_frame.hpp"
#include "core/roster.hpp"

namespace amt::capacity {

struct BoardAppointment {
  int holder;    // staff index
  int begin;     // cells [begin, end) of the day
  int end;
  int service;   // -1: not a service of this location (then it never moves)
  bool movable;  // booked, not bound to its person, and lying inside the day
  int source;    // index into the caller's appointment list
};

struct Move {
  int appointment;  // board index
  int from;         // staff indices
  int to;
};

class DayBoard {
 public:
  explicit DayBoard(const Roster& roster);

  // Starts a day: working cells from the weekly plans minus absences, no appointments.
  void reset(const DayFrame& frame);
  // Puts an existing appointment on the board; ignored when it holds no time, its staff member is
  // not active here, or it does not touch this day.
  void add(const Appointment& appointment, int source);

  const Roster& roster() const { return roster_; }
  int cells() const { return cells_; }
  int words() const { return words_; }
  // Staff working in every cell of [begin, end) and holding nothing there that may not move
  // (open), and those of them holding nothing there at all (free); one pass, as the matcher's
  // inner loop needs both.
  void open_and_free_over(int begin, int end, Word* open, Word* free) const;
  const BoardAppointment& appointment(int i) const { return appointments_[static_cast<std::size_t>(i)]; }
  const std::vector<int>& held_by(int staff) const { return held_[static_cast<std::size_t>(staff)]; }

  std::size_t mark() const { return journal_.size(); }
  void move(int appointment, int to);
  // A hypothetical booking that never moves: everyone in `who` holds [begin, end) from now on.
  // They must be free there.
  void reserve(const Word* who, int begin, int end);
  void reserve_one(int staff, int begin, int end);
  void undo_to(std::size_t mark);
  std::vector<Move> moves_since(std::size_t mark) const;  // net, one per moved appointment

 private:
  struct Change {
    bool is_move;
    int a;  // move: appointment; reserve: begin cell
    int b;  // move: previous holder; reserve: end cell
    std::size_t row;  // reserve: offset into reserved_
  };
  Word* at(std::vector<Word>& rows, int cell) { return &rows[offset(cell)]; }
  const Word* at(const std::vector<Word>& rows, int cell) const { return &rows[offset(cell)]; }
  std::size_t offset(int cell) const { return static_cast<std::size_t>(cell) * static_cast<std::size_t>(words_); }
  void remove_absences(const DayFrame& frame);
  void shift(int appointment, int to);
  void mark_busy(int staff, int begin, int end, bool busy);

  const Roster& roster_;
  int words_;
  int cells_ = 0;
  Instant midnight_{};
  std::vector<Word> working_;  // cells_ rows each
  std::vector<Word> busy_;
  std::vector<Word> pinned_;
  std::vector<BoardAppointment> appointments_;
  std::vector<std::vector<int>> held_;  // per staff: board indices of their appointments
  std::vector<Change> journal_;
  std::vector<Word> reserved_;
  std::vector<Word> one_;  // scratch row for reserve_one
};

}  // namespace amt::capacity
