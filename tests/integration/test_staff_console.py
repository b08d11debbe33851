# The service-center console over HTTP: free times by concern, booking for a caller on the phone
# channel (confirmation by e-mail or a queued SMS), finding bookings by code, customer number, phone
# or name, moving and cancelling them; every view of a caller's data is in the audit log.
import html
import re
import sqlite3
import urllib.parse

import pytest

from amt import psql
from staff_client import create_staff, signed_in

SLOT = re.compile(rb'name="start" value="([^"]+)"')


@pytest.fixture(scope="module")
def agent(server):
    create_staff(server, "sven.agent", "agent")
    return signed_in(server.client, "sven.agent")


def free_starts(agent, query="concern=Erstantrag&next=1"):
    resp = agent.get("/staff/console?" + query)
    assert resp.status == 200, resp
    return [m.decode() for m in SLOT.findall(resp.body)]


def book(agent, start, **fields):
    form = {"location": "mainz", "service": "first-application", "start": start, "name": "Erika Anrufer",
            "phone": "0151 2345678", "confirm": "email"}
    form.update(fields)
    return agent.post("/staff/console/book", form)


def code_of(resp):
    assert resp.status == 303, resp
    m = re.match(r"/staff/console/booking/([A-Z0-9]{6})\?booked=1$", resp.header("location"))
    assert m, resp.header("location")
    return m.group(1)


def audit(server, action):
    with server.connect_db() as db:
        return db.execute(f"SELECT account_login, subject_id, detail FROM audit_log WHERE action = '{action}'"
                          " ORDER BY id").fetchall()


def appointment(server, code):
    with server.connect_db() as db:
        return db.execute("SELECT id, channel, status, customer_number, note, start_utc FROM appointments"
                          f" WHERE code = '{code}'").fetchone()


def test_typed_concern_letters_find_the_service_and_its_next_free_times(agent):
    starts = free_starts(agent)
    assert len(starts) == 12 and starts == sorted(starts)
    page = agent.get("/staff/console?concern=erstantrag&next=1").body
    assert re.search(rb'id="slots-heading">Freie Zeiten: Erstantrag B\xc3\xbcrgergeld</h2>', page)
    several = agent.get("/staff/console?concern=Leist")
    assert several.status == 200 and "Mehrere Anliegen passen".encode() in several.body
    none = agent.get("/staff/console?concern=zzzz")
    assert none.status == 404 and "Kein Anliegen passt".encode() in none.body
    later = free_starts(agent, "concern=Erstantrag&from=2027-03-22")
    assert later[0] >= "2027-03-21T23:00:00Z"


def test_booking_for_a_caller_shows_the_code_and_queues_an_sms_when_chosen(server, agent):
    start = free_starts(agent)[0]
    code = code_of(book(agent, start, customer_number="123D456789", note="Braucht Dolmetscher", confirm="sms"))
    page = agent.get(f"/staff/console/booking/{code}?booked=1")
    assert page.status == 200
    assert f'<p class="booking-code" id="booking-code" tabindex="-1">{code}</p>'.encode() in page.body
    assert b"Erika Anrufer" in page.body and b"Braucht Dolmetscher" in page.body
    appointment_id, channel, status, customer_number, note, _ = appointment(server, code)
    assert (channel, status, customer_number) == ("phone", "booked", "123D456789")
    with server.connect_db() as db:
        sms = db.execute("SELECT channel, kind, recipient, body FROM outbox WHERE appointment_id = "
                         f"'{appointment_id}'").fetchall()
    assert len(sms) == 1
    assert sms[0][:2] == ("sms", "booking_confirmed")
    assert str(sms[0][2]).rjust(11, "0") == "01512345678"  # psql returns all-digit text as int
    assert code in sms[0][3] and "Uhr" in sms[0][3]
    assert [r[:2] for r in audit(server, "appointment.book_for_caller")] == [("sven.agent", appointment_id)]
    assert ("sven.agent", appointment_id, "opened by code") in [tuple(r) for r in audit(server, "appointment.read")]


def test_booking_errors_are_shown_next_to_the_fields_and_nothing_is_booked(server, agent):
    start = free_starts(agent)[1]
    with server.connect_db() as db:
        before = db.execute("SELECT count(*) FROM appointments").fetchone()[0]
    no_phone = book(agent, start, phone="", email="erika@example.org", confirm="sms")
    assert no_phone.status == 422 and 'id="phone-error"'.encode() in no_phone.body
    assert b'value="erika@example.org"' in no_phone.body
    no_name = book(agent, start, name="")
    assert no_name.status == 422 and 'id="name-error"'.encode() in no_name.body
    with server.connect_db() as db:
        assert db.execute("SELECT count(*) FROM appointments").fetchone()[0] == before


def test_a_booking_is_found_by_code_customer_number_phone_or_name_and_each_view_is_audited(server, agent):
    start = free_starts(agent)[2]
    code = code_of(book(agent, start, name="Zoltan <b>Findbar</b>", phone="0170 99887766", customer_number="777X123"))
    for query in (code.lower(), "777x123", "0170-99887766", "findbar"):
        resp = agent.get("/staff/console/find?q=" + urllib.parse.quote(query))
        assert resp.status == 200
        assert f">{code}</a>".encode() in resp.body, query
        assert b"<b>Findbar</b>" not in resp.body and html.escape("<b>Findbar</b>").encode() in resp.body
    nothing = agent.get("/staff/console/find?q=nobody-has-this")
    assert "Keine Buchung gefunden".encode() in nothing.body
    appointment_id = appointment(server, code)[0]
    searches = [r for r in audit(server, "appointment.read") if r[1] == appointment_id and r[2] == "search"]
    assert len(searches) == 4


def test_a_booking_is_moved_and_cancelled_with_the_caller(server, agent):
    starts = free_starts(agent)
    code = code_of(book(agent, starts[3], name="Maria Verschieb", phone="0160 1112223"))
    start_before = appointment(server, code)[5]
    move_page = agent.get(f"/staff/console/booking/{code}/move")
    assert move_page.status == 200
    target = [s for s in SLOT.findall(move_page.body) if s.decode() != starts[3]][-1].decode()
    moved = agent.post(f"/staff/console/booking/{code}/move", {"start": target})
    assert moved.status == 303 and moved.header("location").endswith("?moved=1")
    assert appointment(server, code)[5] != start_before
    cancelled = agent.post(f"/staff/console/booking/{code}/cancel")
    assert cancelled.status == 303 and cancelled.header("location").endswith("?cancelled=1")
    assert appointment(server, code)[2] == "cancelled"
    again = agent.post(f"/staff/console/booking/{code}/move", {"start": starts[4]})
    assert again.status == 409
    actions = {r[0] for r in audit(server, "appointment.reschedule_for_caller")}
    assert actions == {"sven.agent"}
    assert len(audit(server, "appointment.cancel_for_caller")) == 1
    assert agent.post("/staff/console/booking/AAAAAA/cancel").status == 404


def counts(server):
    """Appointments, SMS rows and book-for-caller audit entries, as a tuple."""
    with server.connect_db() as db:
        return tuple(db.execute(sql).fetchone()[0] for sql in (
            "SELECT count(*) FROM appointments",
            "SELECT count(*) FROM outbox WHERE channel = 'sms'",
            "SELECT count(*) FROM audit_log WHERE action = 'appointment.book_for_caller'"))


def refuse_sms_rows(server, refuse):
    """Makes the database refuse (or accept again) every new SMS row, like a failing disk would."""
    if server.backend == "postgres":
        psql(server.database_url,
             "CREATE FUNCTION refuse_sms() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
             "RAISE EXCEPTION 'outbox refused'; END $$; CREATE TRIGGER refuse_sms BEFORE INSERT ON outbox "
             "FOR EACH ROW WHEN (NEW.channel = 'sms') EXECUTE FUNCTION refuse_sms()" if refuse else
             "DROP TRIGGER refuse_sms ON outbox; DROP FUNCTION refuse_sms()")
        return
    with sqlite3.connect(server.db_path) as db:
        db.execute("CREATE TRIGGER refuse_sms BEFORE INSERT ON outbox WHEN NEW.channel = 'sms' BEGIN "
                   "SELECT RAISE(ABORT, 'outbox refused'); END" if refuse else "DROP TRIGGER refuse_sms")


def test_booking_sms_and_audit_entry_are_written_together_or_not_at_all(server, agent):
    starts = free_starts(agent)
    before = counts(server)
    refuse_sms_rows(server, True)
    try:
        failed = book(agent, starts[5], name="Olga Atomar", phone="0152 7654321", confirm="sms")
    finally:
        refuse_sms_rows(server, False)
    assert failed.status == 500
    assert counts(server) == before  # no booking without its SMS, and no audit entry either
    code = code_of(book(agent, starts[5], name="Olga Atomar", phone="0152 7654321", confirm="sms"))
    assert counts(server) == (before[0] + 1, before[1] + 1, before[2] + 1)
    appointment_id = appointment(server, code)[0]
    with server.connect_db() as db:
        assert db.execute(f"SELECT count(*) FROM outbox WHERE appointment_id = '{appointment_id}'"
                          " AND channel = 'sms'").fetchone()[0] == 1
    assert appointment_id in [r[1] for r in audit(server, "appointment.book_for_caller")]


def test_a_refused_booking_writes_no_sms_and_no_audit_entry(server, agent):
    starts = free_starts(agent)
    for start in starts[6:9]:
        code_of(book(agent, start, name="Paul Vielbucher", phone="0153 1010101", confirm="sms"))
    before = counts(server)
    refused = book(agent, starts[9], name="Paul Vielbucher", phone="0153 1010101", confirm="sms")
    assert refused.status == 409, refused
    assert "höchstens erlaubte Zahl gleichzeitiger Buchungen".encode() in refused.body
    assert counts(server) == before
