// One day of one location while a request is answered: per 5-minute cell who works, who holds an
// appointment and who holds one that may not move, plus the appointments and their holders. Every
// change is journaled so that hypothetical bookings and moves can be taken back.
#pragma once

#include <cstddef>
#include <cstdint>
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

// An appointment resolved against the roster once per request, so that the day boards it lands
// on read a few words instead of the appointment's strings again.
struct BoardEntry {
  Instant start;
  Instant end;
  int holder;     // staff index; -1: holds no time here (cancelled, or staff not active here)
  int service;    // -1: not a service of this location
  bool may_move;  // booked and not bound to its person
  int source;     // index into the caller's appointment list
};

class DayBoard {
 public:
  explicit DayBoard(const Roster& roster);

  // Starts a day: working cells from the weekly plans minus absences minus the emergency reserve
  // of held_back_minutes (see emergency_reserve.hpp), no appointments.
  void reset(const DayFrame& frame, int held_back_minutes = 0);
  static BoardEntry resolve(const Roster& roster, const Appointment& appointment, int source);
  // Puts an existing appointment on the board; ignored when it holds no time, its staff member is
  // not active here, or it does not touch this day.
  void add(const BoardEntry& entry);
  void add(const Appointment& appointment, int source) { add(resolve(roster_, appointment, source)); }

  const Roster& roster() const { return roster_; }
  int cells() const { return cells_; }
  int held_back_cells() const { return held_back_cells_; }  // of the emergency reserve, this day
  int words() const { return words_; }
  // Of the staff in `mask`: those working in every cell of [begin, end) and holding nothing there
  // that may not move (open), and those of them holding nothing there at all (free). One pass
  // over the cells, skipping words of the mask that are empty, as the matcher's inner loop needs.
  void open_and_free_over(int begin, int end, const Word* mask, Word* open, Word* free) const;
  // The lowest of `mask` free over [begin, end), or -1 and then `open` as open_and_free_over
  // gives it: a relocation takes the first free person when there is one, and most often there
  // is, so the words after that person's are never read.
  int first_free_over(int begin, int end, const Word* mask, Word* open) const;
  const BoardAppointment& appointment(int i) const { return appointments_[static_cast<std::size_t>(i)]; }
  int appointment_count() const { return static_cast<int>(appointments_.size()); }
  // Who works in the cell: plans minus absences minus the emergency reserve.
  const Word* working(int cell) const { return &working_[offset(cell)]; }
  // Changes with every change to the board, so that what was derived from it can tell it is stale.
  std::uint64_t version() const { return version_; }
  // One of a person's appointments, with what the search reads inlined so that scanning a busy
  // person's day stays within one small array.
  struct Held {
    int begin;
    int end;
    int appointment;  // board index
    bool movable;
  };
  const std::vector<Held>& held_by(int staff) const { return held_[static_cast<std::size_t>(staff)]; }

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
    std::size_t row;  // move: place in the previous holder's list; reserve: offset into reserved_
  };
  Word* at(std::vector<Word>& rows, int cell) { return &rows[offset(cell)]; }
  std::size_t offset(int cell) const { return static_cast<std::size_t>(cell) * static_cast<std::size_t>(words_); }
  // Cell c's row of open_and_free_over: `words_` words "working and not pinned", then `words_`
  // words "working and not busy", kept up to date on every change (pinned implies busy).
  Word* open_row(int cell) { return &cells_rows_[2 * offset(cell)]; }
  Word* free_row(int cell) { return &cells_rows_[2 * offset(cell) + static_cast<std::size_t>(words_)]; }
  void open_and_free_word(int i, int begin, int end, Word mask, Word& open, Word& free) const;
  void remove_absences(const DayFrame& frame);
  // Takes the appointment off its holder (returning where it stood in their list) and gives it
  // to `to` at place `at` of their list; neither is journaled.
  std::size_t detach(int appointment);
  void attach(int appointment, int to, std::size_t at);
  void mark_busy(int staff, int begin, int end, bool busy);
  bool free_over(int staff, int begin, int end) const;

  const Roster& roster_;
  int words_;
  int cells_ = 0;
  int held_back_cells_ = 0;
  Instant midnight_{};
  std::vector<Word> working_;     // cells_ rows
  std::vector<Word> cells_rows_;  // cells_ pairs of rows, see open_row
  std::vector<char> live_;        // per cell: someone works there by plan (else all its rows are 0)
  std::vector<BoardAppointment> appointments_;
  // Per staff, in the order they came to hold them; undoing a move puts the appointment back in
  // its place, so that a search that was taken back leaves no trace on later searches.
  std::vector<std::vector<Held>> held_;
  std::vector<char> overlapping_;  // per staff: holds overlapping appointments (input data only)
  std::vector<Change> journal_;
  std::vector<Word> reserved_;
  std::vector<Word> one_;  // scratch row for reserve_one
  std::uint64_t version_ = 0;
};

}  // namespace amt::capacity
