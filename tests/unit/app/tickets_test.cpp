// The ticket use cases against a real database (SQLite and PostgreSQL) and the demo office:
// check-in verdicts, idempotent taps, the Terminpflicht, queue order and the staff life cycle,
// including 50 concurrent "call next" on 20 tickets.
#include "app/tickets.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <future>
#include <set>

#include "app/demo_data.hpp"
#include "unit/store/store_contract.hpp"

namespace amt::app {
namespace {

using store::testing::StoreBackend;

class TicketsTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    db_ = GetParam().create_migrated();
    store_ = store::open_store(db_.url);
    store_->migrate();
    store_->replace_catalog(demo_catalog(*parse_date("2027-03-20")));
    catalogs_ = std::make_unique<CatalogHolder>(*store_);
  }
  void TearDown() override {
    catalogs_.reset();
    store_.reset();
    db_.drop();
  }

  // The use cases as seen at a local time in Mainz (the clock runs on from there).
  Tickets& at(const std::string& local) {
    clocks_.emplace_back(parse_rfc3339(local + ":00+01:00"));
    tickets_.push_back(std::make_unique<Tickets>(*store_, *catalogs_, clocks_.back()));
    return *tickets_.back();
  }

  // A booked appointment for first-application with staff-01 at a local time.
  Appointment book(const std::string& code, const std::string& local,
                   AppointmentStatus status = AppointmentStatus::booked) {
    Appointment a;
    a.id = "appt-" + code;
    a.code = code;
    a.location_id = "mainz";
    a.service_id = "first-application";
    a.staff_id = "staff-01";
    a.start = *parse_rfc3339(local + ":00+01:00");
    a.end = a.start + Minutes{45};
    a.status = status;
    a.created_at = a.start - Minutes{10000};
    store_->write([&](store::WriteTx& tx) { tx.insert_appointment(a); });
    return a;
  }

  std::vector<TicketAction> actions(const Id& ticket_id) {
    std::vector<TicketAction> out;
    for (const store::TicketEvent& e : store_->ticket_events(ticket_id)) out.push_back(e.action);
    return out;
  }

  store::testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CatalogHolder> catalogs_;
  std::deque<Clock> clocks_;
  std::vector<std::unique_ptr<Tickets>> tickets_;
};

const Actor reception{"staff-35", true};

TEST_P(TicketsTest, CheckInGivesEachCaseItsVerdictAndOnlyOnTimeGetsATicket) {
  book("ONTIME", "2027-03-16T10:10");
  book("EARLY", "2027-03-16T12:00");
  book("LATE", "2027-03-16T09:00");
  book("TOMORROW", "2027-03-17T10:00");
  book("GONE", "2027-03-16T10:00", AppointmentStatus::cancelled);
  Tickets& kiosk = at("2027-03-16T10:00");

  auto on_time = kiosk.check_in("mainz", "ONTIME", "r1");
  ASSERT_TRUE(on_time && on_time->ticket);
  EXPECT_EQ(on_time->verdict, CheckInVerdict::on_time);
  EXPECT_EQ(on_time->ticket->number, "T001");
  EXPECT_EQ(on_time->ticket->staff_id, "staff-01");
  EXPECT_EQ(store_->appointment_by_code("ONTIME")->status, AppointmentStatus::checked_in);

  auto again = kiosk.check_in("mainz", "ONTIME", "r2");  // scanned a second time
  EXPECT_EQ(again->verdict, CheckInVerdict::already_checked_in);
  ASSERT_TRUE(again->ticket);
  EXPECT_EQ(again->ticket->id, on_time->ticket->id);

  auto early = kiosk.check_in("mainz", "EARLY", "r3");
  EXPECT_EQ(early->verdict, CheckInVerdict::early);
  EXPECT_EQ(early->from, *parse_rfc3339("2027-03-16T11:00:00+01:00"));
  EXPECT_FALSE(early->ticket);
  EXPECT_EQ(kiosk.check_in("mainz", "LATE", "r4")->verdict, CheckInVerdict::late);
  EXPECT_EQ(kiosk.check_in("mainz", "TOMORROW", "r5")->verdict, CheckInVerdict::wrong_day);
  EXPECT_EQ(kiosk.check_in("mainz", "GONE", "r6")->verdict, CheckInVerdict::not_checkable);
  auto unknown = kiosk.check_in("mainz", "NOPE", "r7");
  EXPECT_FALSE(unknown->verdict);
  EXPECT_FALSE(unknown->appointment);
  EXPECT_EQ(kiosk.today("mainz").size(), 1u);
  EXPECT_EQ(store_->appointment_by_code("EARLY")->status, AppointmentStatus::booked);
}

TEST_P(TicketsTest, TheSameRequestIdNeverIssuesTwoTicketsEvenWhenTappedConcurrently) {
  Tickets& kiosk = at("2027-03-16T10:00");
  auto first = kiosk.emergency("mainz", "tap-1");
  auto retried = kiosk.emergency("mainz", "tap-1");
  ASSERT_TRUE(first && retried);
  EXPECT_EQ(first->id, retried->id);
  EXPECT_EQ(first->number, "N01");
  std::vector<std::future<Result<Ticket>>> taps;
  for (int i = 0; i < 20; ++i)
    taps.push_back(std::async(std::launch::async, [&] { return kiosk.emergency("mainz", "tap-2"); }));
  std::set<Id> ids;
  for (auto& t : taps) ids.insert(t.get()->id);
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(kiosk.today("mainz").size(), 2u);
}

TEST_P(TicketsTest, WalkInsGetTicketsOnlyBeforeTheTerminpflichtCutOff) {
  auto before = at("2027-03-19T09:00").walk_in("mainz", "submit-documents", "w1");
  ASSERT_TRUE(before && *before);
  EXPECT_EQ((*before)->number, "W001");
  EXPECT_EQ((*before)->kind, TicketKind::walk_in);
  auto from_cut_off = at("2027-03-22T09:00").walk_in("mainz", "submit-documents", "w2");
  ASSERT_TRUE(from_cut_off);
  EXPECT_FALSE(*from_cut_off);
  EXPECT_TRUE(at("2027-03-22T09:00").today("mainz").empty());
  EXPECT_FALSE(at("2027-03-19T09:00").walk_in("mainz", "no-such-service", "w3"));
}

TEST_P(TicketsTest, EmergenciesAreCalledFirstAndAppointmentsOnlyByTheirCaseworker) {
  book("ONTIME", "2027-03-16T10:00");
  Tickets& t = at("2027-03-16T10:00");
  ASSERT_TRUE(*t.walk_in("mainz", "submit-documents", "w1"));
  auto appointment = t.check_in("mainz", "ONTIME", "c1")->ticket;
  auto emergency = t.emergency("mainz", "e1");
  auto first = t.call_next("mainz", reception);
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->id, emergency->id);
  EXPECT_EQ((*first)->room, "E.135");
  auto for_anna = t.call_next("mainz", {"staff-01", false});
  ASSERT_TRUE(*for_anna);
  EXPECT_EQ((*for_anna)->id, appointment->id);
  auto walk_in = t.call_next("mainz", {"staff-21", false});  // placement also takes documents
  ASSERT_TRUE(*walk_in);
  EXPECT_EQ((*walk_in)->kind, TicketKind::walk_in);
  auto busy = t.call_next("mainz", reception);  // still has the emergency: one visitor at a time
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().detail, desk_busy);
  EXPECT_EQ(store_->appointment_by_code("ONTIME")->status, AppointmentStatus::called);
}

TEST_P(TicketsTest, NoShowIsNeverCalledByAccidentButCanBePutBackOrRecalledOnPurpose) {
  Tickets& t = at("2027-03-16T10:00");
  auto e = t.emergency("mainz", "e1");
  ASSERT_TRUE(*t.call_next("mainz", reception));
  EXPECT_TRUE(t.recall(e->id, reception));
  EXPECT_TRUE(t.no_show(e->id, reception));
  EXPECT_FALSE(*t.call_next("mainz", reception));  // never re-called by accident
  EXPECT_FALSE(t.recall(e->id, reception));
  EXPECT_TRUE(t.requeue(e->id, reception));
  auto again = t.call_next("mainz", reception);
  ASSERT_TRUE(*again);
  EXPECT_EQ((*again)->id, e->id);
  EXPECT_TRUE(t.no_show(e->id, reception));
  auto recalled = t.call(e->id, reception);  // re-called on purpose
  ASSERT_TRUE(recalled);
  EXPECT_EQ(recalled->status, TicketStatus::called);
  EXPECT_EQ(actions(e->id), (std::vector<TicketAction>{TicketAction::issued, TicketAction::called,
                                                        TicketAction::recalled, TicketAction::no_show,
                                                        TicketAction::requeued, TicketAction::called,
                                                        TicketAction::no_show, TicketAction::called}));
}

TEST_P(TicketsTest, OnlyTheHolderStartsAndFinishesAndAHandedOverTicketWaitsForTheColleague) {
  book("ONTIME", "2027-03-16T10:00");
  Tickets& t = at("2027-03-16T10:00");
  auto ticket = t.check_in("mainz", "ONTIME", "c1")->ticket;
  const Actor anna{"staff-01", false}, ben{"staff-03", false};
  EXPECT_FALSE(*t.call_next("mainz", ben));  // not his appointment
  EXPECT_FALSE(t.call(ticket->id, ben));
  ASSERT_TRUE(t.call(ticket->id, anna));
  EXPECT_EQ(t.start(ticket->id, ben).error().kind, ErrorKind::not_changeable);
  EXPECT_FALSE(t.finish(ticket->id, anna));  // not started yet
  ASSERT_TRUE(t.transfer(ticket->id, "staff-03", anna));
  EXPECT_FALSE(*t.call_next("mainz", anna));
  auto taken = t.call_next("mainz", ben);
  ASSERT_TRUE(*taken);
  EXPECT_EQ((*taken)->room, "A.103");
  EXPECT_TRUE(t.start(ticket->id, ben));
  auto done = t.finish(ticket->id, ben);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, TicketStatus::done);
  EXPECT_EQ(store_->appointment_by_code("ONTIME")->status, AppointmentStatus::done);
  EXPECT_FALSE(t.call(ticket->id, reception));  // done stays done
}

// 50 presses from 40 people (ten press twice): each ticket called once, and nobody holds two.
TEST_P(TicketsTest, FiftyConcurrentCallNextOnTwentyTicketsCallEachTicketExactlyOnce) {
  Tickets& t = at("2027-03-16T10:00");
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(t.emergency("mainz", "e" + std::to_string(i)));
  std::vector<std::future<Result<std::optional<Ticket>>>> callers;
  for (int i = 0; i < 50; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "staff-%02d", i % 40 + 1);
    callers.push_back(std::async(std::launch::async, [&t, actor = Actor{id, true}] { return t.call_next("mainz", actor); }));
  }
  std::set<Id> called;
  int empty_or_busy = 0;
  for (auto& c : callers) {
    auto r = c.get();
    if (r && *r) called.insert((*r)->id);
    else if (r || r.error().detail == desk_busy) ++empty_or_busy;
    else ADD_FAILURE() << r.error().detail;
  }
  EXPECT_EQ(called.size(), 20u);
  EXPECT_EQ(empty_or_busy, 30);
  std::set<Id> holders;
  for (const Ticket& ticket : t.today("mainz")) {
    EXPECT_EQ(ticket.status, TicketStatus::called);
    EXPECT_TRUE(holders.insert(ticket.staff_id).second) << ticket.staff_id << " holds two tickets";
    EXPECT_EQ(actions(ticket.id), (std::vector<TicketAction>{TicketAction::issued, TicketAction::called}));
  }
}

// Calling a specific ticket follows the same rule: while the desk has a visitor, it is refused
// with desk_busy and nothing changes; once that visitor is finished, it works.
TEST_P(TicketsTest, CallingASpecificTicketWhileStillHavingAVisitorIsRefused) {
  Tickets& t = at("2027-03-16T10:00");
  const Actor reception{"staff-35", true};
  auto first = t.emergency("mainz", "e1");
  auto second = t.emergency("mainz", "e2");
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(t.call(first->id, reception));
  auto busy = t.call(second->id, reception);
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().detail, desk_busy);
  EXPECT_EQ(actions(second->id), std::vector<TicketAction>{TicketAction::issued});
  EXPECT_TRUE(t.recall(first->id, reception));  // the own visitor may be called again
  ASSERT_TRUE(t.no_show(first->id, reception));
  ASSERT_TRUE(t.call(second->id, reception));
  auto again = t.call(first->id, reception);  // re-calling the no-show: the desk is busy again
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().detail, desk_busy);
}

// The desk's "call next" sent many times at once by one caseworker (double click, retries, a
// second tab) calls one visitor; the others get that same ticket back, marked as already held.
// No lock in the app serialises these any more: the store alone keeps it to one.
TEST_P(TicketsTest, ConcurrentDeskCallNextOfOneCaseworkerCallsOneVisitorOnly) {
  Tickets& t = at("2027-03-16T10:00");
  const Actor reception{"staff-35", true};
  for (int i = 0; i < 3; ++i) {
    auto issued = t.emergency("mainz", "d" + std::to_string(i));
    ASSERT_TRUE(issued);
    ASSERT_TRUE(t.transfer(issued->id, "staff-01", reception));
  }
  std::vector<std::future<Result<Tickets::DeskCall>>> presses;
  for (int i = 0; i < 12; ++i)
    presses.push_back(std::async(std::launch::async, [&t] { return t.call_next_once("mainz", {"staff-01", false}); }));
  std::set<Id> answered;
  int fresh = 0;
  for (auto& p : presses) {
    auto r = p.get();
    ASSERT_TRUE(r && r->ticket);
    answered.insert(r->ticket->id);
    if (!r->already) ++fresh;
  }
  EXPECT_EQ(fresh, 1);
  EXPECT_EQ(answered.size(), 1u);
  int called = 0;
  for (const Ticket& ticket : t.today("mainz")) called += ticket.status == TicketStatus::called ? 1 : 0;
  EXPECT_EQ(called, 1);
  // Once that visitor is finished, the next press calls the next one.
  const Id first = *answered.begin();
  ASSERT_TRUE(t.start(first, {"staff-01", false}));
  ASSERT_TRUE(t.finish(first, {"staff-01", false}));
  auto next = t.call_next_once("mainz", {"staff-01", false});
  ASSERT_TRUE(next && next->ticket);
  EXPECT_FALSE(next->already);
  EXPECT_NE(next->ticket->id, first);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, TicketsTest, ::testing::Values(store::testing::sqlite_backend()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Postgres, TicketsTest, ::testing::Values(store::testing::postgres_backend()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace amt::app
