// The ticket sub-commands: parse nothing, decide nothing; hand over to app::Tickets and print.
#include "web/display/ticket_command.hpp"

#include <ostream>

#include "app/tickets.hpp"
#include "http/text.hpp"

namespace amt::web {

namespace {

std::string status_name(TicketStatus s) {
  switch (s) {
    case TicketStatus::waiting: return "waiting";
    case TicketStatus::called: return "called";
    case TicketStatus::in_service: return "in_service";
    case TicketStatus::done: return "done";
    case TicketStatus::no_show: return "no_show";
    case TicketStatus::cancelled: return "cancelled";
  }
  return "unknown";
}

void print(std::ostream& out, const Ticket& t) {
  std::string line = "{\"id\":\"";
  http::append_json_escaped(line, t.id);
  line += "\",\"number\":\"";
  http::append_json_escaped(line, t.number);
  line += "\",\"status\":\"" + status_name(t.status) + "\",\"room\":\"";
  http::append_json_escaped(line, t.room);
  line += "\"}";
  out << line << std::endl;  // flushed at once: a script (the bench) learns of the commit before exit
}

int report(const app::Result<Ticket>& result, std::ostream& out, std::ostream& err) {
  if (!result) {
    err << result.error().detail << "\n";
    return 2;
  }
  print(out, *result);
  return 0;
}

// Ends the visit a desk still has, so it may call the next one.
app::Result<Ticket> finish_held(app::Tickets& tickets, const Ticket& held, const app::Actor& actor) {
  if (held.status == TicketStatus::called) {
    auto started = tickets.start(held.id, actor);
    if (!started) return started;
  }
  return tickets.finish(held.id, actor);
}

}  // namespace

int run_ticket_command(const TicketCommand& command, store::Store& store, app::CatalogHolder& catalogs,
                       const app::Clock& clock, std::ostream& out, std::ostream& err) {
  app::Tickets tickets(store, catalogs, clock);
  const app::Actor actor{command.staff_id, command.reception};
  if (command.action == "emergency") return report(tickets.emergency(command.location_id, ""), out, err);
  if (command.action == "recall") return report(tickets.recall(command.ticket_id, actor), out, err);
  if (command.action == "call-next") {
    auto called = tickets.call_next_once(command.location_id, actor);
    if (called && called->already && command.finish_current) {
      if (auto finished = finish_held(tickets, *called->ticket, actor); !finished)
        return report(tl::unexpected(finished.error()), out, err);
      called = tickets.call_next_once(command.location_id, actor);
    }
    if (!called) return report(tl::unexpected(called.error()), out, err);
    if (called->already) {
      err << "this staff member still has ticket " << called->ticket->number
          << " (called or in service): finish it first, or pass --finish-current\n";
      return 2;
    }
    if (!called->ticket) {
      err << "nobody is waiting whom this staff member may call\n";
      return 1;
    }
    print(out, *called->ticket);
    return 0;
  }
  if (command.action == "check-in") {
    auto answer = tickets.check_in(command.location_id, command.code, "");
    if (!answer) return report(tl::unexpected(answer.error()), out, err);
    if (!answer->ticket) {
      err << "no ticket: the booking cannot be checked in now\n";
      return 1;
    }
    print(out, *answer->ticket);
    return 0;
  }
  err << "unknown ticket action\n";
  return 2;
}

}  // namespace amt::web
