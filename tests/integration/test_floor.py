# The staff floor pages (issue #5 items 3 and 6) against the real binary on both databases:
# reception sees everyone waiting (emergencies first, alarm past the target, emergency capacity),
# hands tickets over and calls emergencies; the caseworker's desk calls next, recalls, marks
# no-show, starts and finishes, and a double submit never calls a second visitor. The queue's
# event stream tells the pages when anything changed.
import concurrent.futures
import re
import sqlite3
import time
from datetime import datetime, timedelta

import pytest

from display_stream import EventStream, emergency, running_clock
from floor_client import CASEWORKER_STAFF, hand_to_desk, location_after, ticket_id
from staff_client import run_create_staff, signed_in

RECEPTION_STAFF = "staff-35"   # Eingangszone, room E.135


@pytest.fixture(scope="module")
def accounts(server):
    for login, roles, staff in (("empfang", "reception", RECEPTION_STAFF), ("sachbearbeitung", "caseworker", CASEWORKER_STAFF),
                                ("kollegin", "caseworker", "staff-03"), ("ohne-platz", "caseworker,reception", None)):
        result = run_create_staff(server, login, roles, staff=staff)
        assert result.returncode == 0, result.stderr
    return True


@pytest.fixture
def reception(server, accounts):
    return signed_in(server.client, "empfang")


@pytest.fixture
def desk(server, accounts):
    return signed_in(server.client, "sachbearbeitung")


def finish_everything(server):
    """Each test starts from an empty queue: earlier tickets of the module are closed in the database."""
    if server.backend == "postgres":
        with server.connect_db() as db:
            db.execute("UPDATE tickets SET status = 'done'")
        return
    with sqlite3.connect(server.db_path) as db:  # read-write, unlike connect_db()
        db.execute("UPDATE tickets SET status = 'done'")


def rows(page):
    """Ticket numbers of the waiting table, in page order."""
    table = page.text.split('class="kern-table floor-queue"', 1)
    if len(table) < 2:
        return []
    return re.findall(r'<tr class="floor-row[^"]*" data-number="([A-Z]\d+)"', table[1].split("</table>", 1)[0])


def test_create_staff_refuses_an_unknown_staff_member(server):
    result = run_create_staff(server, "niemand", "caseworker", staff="staff-99")
    assert result.returncode == 2
    assert b"staff-99" in result.stderr


def test_reception_lists_emergencies_first_with_waiting_time_and_the_emergency_capacity(server, reception):
    finish_everything(server)
    first = emergency(server)
    time.sleep(1.1)  # issue times are whole seconds: the longer waiting one comes first
    second = emergency(server)
    page = reception.get("/staff/reception?lang=en")
    assert page.status == 200, page
    assert rows(page)[:2] == [first["number"], second["number"]]
    assert "Emergency capacity used today:" in page.text and re.search(r"<strong>\d+ of \d+ minutes</strong>", page.text)
    assert "floor-row--emergency" in page.text and ">Emergency</strong>" in page.text
    assert 'data-events="/staff/reception/events"' in page.text
    german = reception.get("/staff/reception?lang=de")
    assert "Heute genutzte Notfallkapazität:" in german.text and "Alle Wartenden" in german.text


def test_an_emergency_waiting_past_the_target_raises_a_visible_alarm(server, accounts, make_server):
    finish_everything(server)
    drawn_at = datetime.fromisoformat(running_clock().replace("Z", "+00:00"))
    drawn = emergency(server)  # at the tests' running clock, shortly after 08:00 in Mainz
    later = {"AMTSTERMIN_CLOCK_NOW": (drawn_at + timedelta(minutes=45)).isoformat().replace("+00:00", "Z")}
    for alarm_after, expected in (("30", True), ("60", False)):
        # A second server on the same database (migrated, seeded, accounts made), later in the day.
        other = make_server(dict(later, AMTSTERMIN_QUEUE_ALARM_AFTER_MINUTES=alarm_after), name="alarm" + alarm_after,
                            database_url=server.database_url).start()
        try:
            page = signed_in(other.client, "empfang").get("/staff/reception?lang=en")
            alarm = re.search(r'<div class="floor-alarms" role="alert">(.*?)</div>', page.text, re.S).group(1)
            shown = re.search(r'<p class="floor-alarm" data-alarm-since="\d+">(.*?)</p>', alarm, re.S)
            assert bool(shown) == expected, (alarm_after, alarm)
            if expected:
                assert drawn["number"] in shown.group(1) and "longer than" in shown.group(1)
                assert re.search(r'data-number="' + drawn["number"] + r'".*?<span data-since="\d+">4[45]</span> min', page.text, re.S)
        finally:
            other.stop()


def test_reception_hands_a_ticket_to_a_caseworker_who_calls_it_to_their_room(server, reception, desk):
    finish_everything(server)
    drawn = emergency(server)
    page = reception.get("/staff/reception")
    handed = reception.post("/staff/reception/hand-over", {"ticket": ticket_id(page, drawn["number"]), "to": CASEWORKER_STAFF})
    assert location_after(handed) == f"/staff/reception?did=handed&number={drawn['number']}"
    shown = reception.get(location_after(handed) + "&lang=en")
    assert "Handed over:" in shown.text and drawn["number"] in shown.text
    mine = desk.get("/staff/desk?lang=en")
    assert re.search(r'id="waiting-for-me">1<', mine.text), mine.text
    called = desk.post("/staff/desk/call-next")
    assert location_after(called) == f"/staff/desk?did=called&number={drawn['number']}"
    now = desk.get("/staff/desk?lang=en")
    assert f'class="floor-current__number">{drawn["number"]}<' in now.text
    assert "A.101" in now.text and 'action="/staff/desk/start"' in now.text
    assert 'id="call-next"' not in now.text  # one visitor at a time


def test_a_double_submitted_call_next_calls_one_visitor_only(server, reception, desk):
    finish_everything(server)
    page = None
    for _ in range(3):
        drawn = emergency(server)
        page = reception.get("/staff/reception")
        reception.post("/staff/reception/hand-over", {"ticket": ticket_id(page, drawn["number"]), "to": CASEWORKER_STAFF})
    token = desk.fetch_csrf()
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: desk.post("/staff/desk/call-next", {"csrf": token}), range(8)))
    targets = [location_after(a) for a in answers]
    assert sum("did=called" in t for t in targets) == 1, targets
    assert sum("did=already" in t for t in targets) == 7, targets
    numbers = {t.split("number=")[1] for t in targets}
    assert len(numbers) == 1, targets  # the retries answer with the same ticket
    calm = desk.get([t for t in targets if "already" in t][0] + "&lang=en")
    assert "You still have a visitor" in calm.text


def test_no_show_is_never_called_by_accident_but_can_be_called_again_or_put_back(server, reception, desk):
    finish_everything(server)
    drawn = emergency(server)
    page = reception.get("/staff/reception")
    reception.post("/staff/reception/hand-over", {"ticket": ticket_id(page, drawn["number"]), "to": CASEWORKER_STAFF})
    assert "did=called" in location_after(desk.post("/staff/desk/call-next"))
    current = desk.get("/staff/desk")
    tid = ticket_id(current, drawn["number"])
    assert "did=recalled" in location_after(desk.post("/staff/desk/recall", {"ticket": tid}))
    assert "did=no_show" in location_after(desk.post("/staff/desk/no-show", {"ticket": tid}))
    # "Call next" passes over the no-show; a second no-show of the same ticket loses calmly.
    assert location_after(desk.post("/staff/desk/call-next")) == "/staff/desk?did=nobody"
    assert location_after(desk.post("/staff/desk/no-show", {"ticket": tid})) == "/staff/desk?problem=changed"
    listed = desk.get("/staff/desk?lang=en")
    assert 'class="kern-table floor-no-shows"' in listed.text and drawn["number"] in listed.text
    assert "did=called" in location_after(desk.post("/staff/desk/call-again", {"ticket": tid}))
    assert "did=started" in location_after(desk.post("/staff/desk/start", {"ticket": tid}))
    assert "did=finished" in location_after(desk.post("/staff/desk/finish", {"ticket": tid}))
    # A finished ticket is not called again from the no-show list.
    assert location_after(desk.post("/staff/desk/call-again", {"ticket": tid})) == "/staff/desk?problem=changed"
    second = emergency(server)
    page = reception.get("/staff/reception")
    reception.post("/staff/reception/hand-over", {"ticket": ticket_id(page, second["number"]), "to": CASEWORKER_STAFF})
    desk.post("/staff/desk/call-next")
    sid = ticket_id(desk.get("/staff/desk"), second["number"])
    desk.post("/staff/desk/no-show", {"ticket": sid})
    assert "did=requeued" in location_after(desk.post("/staff/desk/requeue", {"ticket": sid}))
    assert second["number"] in rows(reception.get("/staff/reception"))


def test_reception_calls_an_emergency_to_its_own_desk_and_a_colleague_cannot_touch_it(server, reception, accounts):
    finish_everything(server)
    drawn = emergency(server)
    page = reception.get("/staff/reception")
    tid = ticket_id(page, drawn["number"])
    assert location_after(reception.post("/staff/reception/call", {"ticket": tid})) == \
        f"/staff/reception?did=called&number={drawn['number']}"
    after = reception.get("/staff/reception")
    assert drawn["number"] not in rows(after)
    assert "E.135" in after.text.split("floor-called", 1)[1]
    # The same POST again (a retry) changes nothing and says so calmly.
    assert location_after(reception.post("/staff/reception/call", {"ticket": tid})) == "/staff/reception?problem=changed"
    colleague = signed_in(server.client, "kollegin")
    assert location_after(colleague.post("/staff/desk/finish", {"ticket": tid})) == "/staff/desk?problem=colleague"
    assert location_after(colleague.post("/staff/desk/start", {"ticket": "nope"})) == "/staff/desk?problem=gone"


def test_hand_over_refuses_someone_who_is_not_a_colleague_here(server, reception):
    finish_everything(server)
    drawn = emergency(server)
    tid = ticket_id(reception.get("/staff/reception"), drawn["number"])
    for to in ("staff-99", "", "<script>"):
        assert location_after(reception.post("/staff/reception/hand-over", {"ticket": tid, "to": to})) == \
            "/staff/reception?problem=unknown_colleague"
    assert drawn["number"] in rows(reception.get("/staff/reception"))


def test_an_account_without_a_staff_member_has_no_desk_and_cannot_call_from_reception(server, accounts):
    finish_everything(server)
    drawn = emergency(server)
    browser = signed_in(server.client, "ohne-platz")
    no_desk = browser.get("/staff/desk?lang=en")
    assert no_desk.status == 409 and "Kein Arbeitsplatz" in no_desk.text and "No desk" in no_desk.text
    page = browser.get("/staff/reception?lang=en")
    assert page.status == 200 and 'action="/staff/reception/call"' not in page.text
    tid = ticket_id(page, drawn["number"])
    assert location_after(browser.post("/staff/reception/call", {"ticket": tid})) == "/staff/reception?problem=no_staff"


def test_flash_parameters_outside_the_fixed_lists_are_not_shown(server, reception):
    page = reception.get("/staff/reception?did=%3Cscript%3E&problem=evil&number=%3Cb%3E")
    assert page.status == 200
    assert "<script>" not in page.text and "&lt;b&gt;" not in page.text and "kern-alert--warning" not in page.text


def test_the_queue_event_stream_tells_reception_and_desk_of_every_change(server, reception, desk):
    finish_everything(server)
    assert reception.get("/staff/reception/events").status == 406  # not an EventSource: no endless answer
    cookie = {"Cookie": "amt_staff=" + reception.session}
    stream = EventStream(server.port, "/staff/reception/events", headers=cookie)
    desk_stream = EventStream(server.port, "/staff/desk/events", headers={"Cookie": "amt_staff=" + desk.session})
    try:
        assert stream.status == 200 and stream.headers["content-type"].startswith("text/event-stream")
        first = stream.next_event()
        assert first["event"] == "queue"
        desk_first = desk_stream.next_event()
        assert desk_first["data"]["stamp"] == first["data"]["stamp"]
        emergency(server)
        drawn_at = time.monotonic()
        changed = stream.next_event(timeout=2)
        assert changed["event"] == "queue" and changed["data"]["stamp"] != first["data"]["stamp"]
        assert time.monotonic() - drawn_at < 1
        assert desk_stream.next_event(timeout=2)["data"]["stamp"] == changed["data"]["stamp"]
        page = reception.get("/staff/reception")
        assert f'data-stamp="{changed["data"]["stamp"]}"' in page.text
    finally:
        stream.close()
        desk_stream.close()
    anonymous = EventStream(server.port, "/staff/reception/events")
    try:
        assert anonymous.status == 303  # to sign-in, like every staff page
    finally:
        anonymous.close()


def callable_rows(page):
    """Ticket numbers of the desk's "visitors you may call" table, in page order."""
    table = page.text.split('class="kern-table floor-callable"', 1)
    if len(table) < 2:
        return []
    return re.findall(r'<tr class="floor-row[^"]*" data-number="([A-Z]\d+)"', table[1].split("</table>", 1)[0])


def callable_id(page, number):
    table = page.text.split('class="kern-table floor-callable"', 1)[1].split("</table>", 1)[0]
    found = re.search(r'data-number="' + number + r'".*?name="ticket" value="([^"]+)"', table, re.S)
    assert found, number
    return found.group(1)


def test_the_desk_lists_whom_it_may_call_in_queue_order_and_calls_a_chosen_one(server, reception, desk):
    finish_everything(server)
    first = hand_to_desk(server, reception)
    time.sleep(1.1)  # issue times are whole seconds: the longer waiting one comes first
    second = hand_to_desk(server, reception)
    not_mine = emergency(server)  # an emergency nobody handed over: reception's, not the desk's
    page = desk.get("/staff/desk?lang=en")
    assert callable_rows(page) == [first["number"], second["number"]]
    table = page.text.split('class="kern-table floor-callable"', 1)[1].split("</table>", 1)[0]
    assert not_mine["number"] not in table
    assert ">Emergency<" in table and re.search(r'<span data-since="\d+">\d+</span> min', table)
    assert 'action="/staff/desk/call"' in table and 'name="csrf"' in table and " disabled" not in table
    called = desk.post("/staff/desk/call", {"ticket": callable_id(page, second["number"])})
    assert location_after(called) == f"/staff/desk?did=called&number={second['number']}"
    now = desk.get("/staff/desk?lang=en")
    assert f'class="floor-current__number">{second["number"]}<' in now.text
    assert callable_rows(now) == [first["number"]]
    # One visitor at a time: the other row's button is disabled and says why.
    rest = now.text.split('class="kern-table floor-callable"', 1)[1].split("</table>", 1)[0]
    assert 'disabled aria-describedby="callable-busy"' in rest
    assert 'id="callable-busy">You still have a visitor. Finish or hand over that ticket' in now.text
    german = desk.get("/staff/desk?lang=de")
    assert "Wartende, die Sie aufrufen können" in german.text and "Sie haben noch einen Besuch" in german.text


def test_calling_a_chosen_one_while_still_having_a_visitor_is_refused_with_a_message(server, reception, desk):
    finish_everything(server)
    first = hand_to_desk(server, reception)
    second = hand_to_desk(server, reception)
    page = desk.get("/staff/desk")
    second_id = callable_id(page, second["number"])
    assert "did=called" in location_after(desk.post("/staff/desk/call", {"ticket": callable_id(page, first["number"])}))
    # The button is disabled, but a POST (an old tab, no JavaScript, a script) must not call a second visitor.
    refused = desk.post("/staff/desk/call", {"ticket": second_id})
    assert location_after(refused) == "/staff/desk?problem=busy"
    shown = desk.get(location_after(refused) + "&lang=en")
    assert "You still have a visitor. Finish or hand over that ticket before calling another one." in shown.text
    assert callable_rows(shown) == [second["number"]]  # still waiting
    assert f'class="floor-current__number">{first["number"]}<' in shown.text
    # The same "call this one" sent twice answers calmly with the visitor already called.
    again = desk.post("/staff/desk/call", {"ticket": ticket_id(shown, first["number"])})
    assert location_after(again) == f"/staff/desk?did=already&number={first['number']}"
    # Once that visitor is finished, the chosen one can be called.
    fid = ticket_id(shown, first["number"])
    assert "did=started" in location_after(desk.post("/staff/desk/start", {"ticket": fid}))
    assert "did=finished" in location_after(desk.post("/staff/desk/finish", {"ticket": fid}))
    assert location_after(desk.post("/staff/desk/call", {"ticket": second_id})) == \
        f"/staff/desk?did=called&number={second['number']}"


def test_calling_a_chosen_one_that_someone_else_took_or_that_is_gone_says_so(server, reception, desk):
    finish_everything(server)
    drawn = hand_to_desk(server, reception)
    page = desk.get("/staff/desk")
    tid = callable_id(page, drawn["number"])
    # While the caseworker's list is open, reception hands the ticket to a colleague, who calls it.
    handed = reception.post("/staff/reception/hand-over", {"ticket": tid, "to": "staff-03"})
    assert "did=handed" in location_after(handed)
    colleague = signed_in(server.client, "kollegin")
    assert location_after(colleague.post("/staff/desk/call-next")) == f"/staff/desk?did=called&number={drawn['number']}"
    taken = desk.post("/staff/desk/call", {"ticket": tid})
    assert location_after(taken) == "/staff/desk?problem=taken"
    shown = desk.get(location_after(taken) + "&lang=en")
    assert shown.status == 200 and "Someone else has just called this ticket" in shown.text
    assert 'class="floor-current__number"' not in shown.text  # nothing was called to this desk
    german = desk.get(location_after(taken) + "&lang=de")
    assert "Diese Wartemarke wurde gerade von jemand anderem aufgerufen" in german.text
    gone = desk.post("/staff/desk/call", {"ticket": "no-such-ticket"})
    assert location_after(gone) == "/staff/desk?problem=gone"
    assert "There is no such ticket here today." in desk.get(location_after(gone) + "&lang=en").text
    assert desk.post("/staff/desk/call", {"ticket": tid}, csrf=False).status == 403  # no CSRF token, no call


def test_the_emergency_desk_has_one_visitor_at_a_time_and_finishes_it_on_the_reception_page(server, reception):
    finish_everything(server)
    first, second = emergency(server), emergency(server)
    page = reception.get("/staff/reception")
    first_id, second_id = ticket_id(page, first["number"]), ticket_id(page, second["number"])
    assert "did=called" in location_after(reception.post("/staff/reception/call", {"ticket": first_id}))
    busy = reception.get("/staff/reception?lang=en")
    assert 'id="desk-busy">You still have a visitor.' in busy.text
    row = busy.text.split(f'data-number="{second["number"]}"', 1)[1].split("</tr>", 1)[0]
    assert 'disabled aria-describedby="desk-busy"' in row
    refused = reception.post("/staff/reception/call", {"ticket": second_id})
    assert location_after(refused) == "/staff/reception?problem=busy"
    assert "You still have a visitor." in reception.get(location_after(refused) + "&lang=en").text
    assert second["number"] in rows(reception.get("/staff/reception"))  # still waiting
    assert "did=started" in location_after(reception.post("/staff/reception/start", {"ticket": first_id}))
    assert "did=finished" in location_after(reception.post("/staff/reception/finish", {"ticket": first_id}))
    assert "did=called" in location_after(reception.post("/staff/reception/call", {"ticket": second_id}))


def test_reception_does_not_start_or_finish_a_colleagues_visitor(server, reception, desk):
    finish_everything(server)
    drawn = hand_to_desk(server, reception)
    assert "did=called" in location_after(desk.post("/staff/desk/call-next"))
    tid = ticket_id(desk.get("/staff/desk"), drawn["number"])
    assert location_after(reception.post("/staff/reception/start", {"ticket": tid})) == "/staff/reception?problem=colleague"
    assert location_after(reception.post("/staff/reception/finish", {"ticket": tid})) == "/staff/reception?problem=colleague"
    assert 'action="/staff/reception/start"' not in reception.get("/staff/reception").text
