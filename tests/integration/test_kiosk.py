# The kiosk board (issue #5) against the real binary on both databases: opened once with a device
# key, check-in by booking code (on time, early, late, wrong day, cancelled, unknown), emergency
# and walk-in tickets, one ticket for 100 concurrent taps, and nothing for a revoked key.
import concurrent.futures
import datetime as dt
import re
import urllib.parse

from amt import booking_body, bearer, slots, unique_email
from kiosk_board import issue_key, open_board, tap

MAINZ = dt.timezone(dt.timedelta(hours=1))  # CET: the tests stay before the DST change
TUESDAY = dt.date(2027, 3, 9)
TUESDAY_0900 = "2027-03-09T08:00:00Z"  # 09:00 in Mainz


def request_id(server, board, path):
    page = server.client.get(path + "?lang=en", board)
    assert page.status == 200, page
    return re.search(r'name="request_id" value="([0-9a-f]{32})"', page.text).group(1)


def ticket_number(resp):
    found = re.search(r'data-ticket-number>([A-Z]\d+)<', resp.text)
    return found.group(1) if found else None


def ticket_count(server):
    with server.connect_db() as db:
        return db.execute("SELECT count(*) FROM tickets").fetchone()[0]


def book_at(server, local_time, day=TUESDAY):
    """Books the free slot starting at local_time ("HH:MM") in Mainz; returns (code, token)."""
    for slot in slots(server.client, frm=day, to=day):
        start = dt.datetime.fromisoformat(slot["start"].replace("Z", "+00:00")).astimezone(MAINZ)
        if start.strftime("%H:%M") == local_time:
            created = server.client.post("/api/v1/bookings", booking_body(slot["start"], email=unique_email("kiosk")))
            assert created.status == 201, created
            return created.json["code"], created.json["manage_token"]
    raise AssertionError(f"no free slot at {local_time} on {day}")


def test_check_in_by_code_gives_a_ticket_only_on_time_and_explains_every_other_case(make_server):
    server = make_server().prepare().start()
    on_time, _ = book_at(server, "09:15")
    early, _ = book_at(server, "11:30")
    late, _ = book_at(server, "08:00")
    cancelled, token = book_at(server, "10:00")
    wrong_day, _ = book_at(server, "09:00", day=dt.date(2027, 3, 10))
    assert server.client.post(f"/api/v1/bookings/{cancelled}/cancel", None, bearer(token)).status == 200
    key, _ = issue_key(server)
    server.stop()
    server.extra_env["AMTSTERMIN_CLOCK_NOW"] = TUESDAY_0900
    server.start()
    board = open_board(server, key)

    def check_in(code):
        return tap(server, board, "/kiosk/check-in", code=code,
                   request_id=request_id(server, board, "/kiosk/check-in"))

    checked_in = check_in(on_time.lower())  # a scanner may type lower case
    assert checked_in.status == 200 and "You are checked in" in checked_in.text, checked_in.text
    assert ticket_number(checked_in) == "T001"
    assert "09:15" in checked_in.text and "waiting room" in checked_in.text

    came_early = check_in(early)
    assert "You are early" in came_early.text and "10:30" in came_early.text
    came_late = check_in(late)
    assert "Your appointment time has passed" in came_late.text and "reception" in came_late.text
    other_day = check_in(wrong_day)
    assert "Your appointment is not today" in other_day.text and "10" in other_day.text
    called_off = check_in(cancelled)
    assert "This appointment was cancelled" in called_off.text and "book a new appointment" in called_off.text
    unknown = check_in("QQQQQQ")
    assert unknown.status == 404 and "We could not find this booking code" in unknown.text
    for answer in (came_early, came_late, other_day, called_off, unknown):
        assert ticket_number(answer) is None, answer.text
    assert ticket_count(server) == 1

    again = check_in(on_time)  # checked in already: the same ticket again, not a second one
    assert ticket_number(again) == "T001" and ticket_count(server) == 1


def test_hundred_concurrent_taps_with_one_request_id_issue_one_emergency_ticket(make_server):
    server = make_server().prepare().start()
    board = open_board(server, issue_key(server)[0])
    rid = request_id(server, board, "/kiosk/emergency")
    with concurrent.futures.ThreadPoolExecutor(max_workers=100) as pool:
        answers = list(pool.map(lambda _: tap(server, board, "/kiosk/emergency", situation="0", request_id=rid),
                                range(100)))
    assert all(a.status == 200 for a in answers), [a.status for a in answers if a.status != 200]
    assert {ticket_number(a) for a in answers} == {"N01"}
    assert "emergency desk has been told" in answers[0].text
    assert ticket_count(server) == 1
    with server.connect_db() as db:
        assert db.execute("SELECT kind, status FROM tickets").fetchall() == [("emergency", "waiting")]
    fresh = tap(server, board, "/kiosk/emergency", situation="1",
                request_id=request_id(server, board, "/kiosk/emergency"))
    assert ticket_number(fresh) == "N02" and ticket_count(server) == 2


def test_walk_in_tickets_before_the_cut_off_and_guidance_to_book_from_it(make_server):
    server = make_server().prepare().start()
    key, _ = issue_key(server)
    board = open_board(server, key)
    walk_in = tap(server, board, "/kiosk/walk-in", service="first-application",
                  request_id=request_id(server, board, "/kiosk/walk-in"))
    assert ticket_number(walk_in) == "W001", walk_in.text
    server.stop()
    server.extra_env["AMTSTERMIN_CLOCK_NOW"] = "2027-03-15T08:00:00Z"  # the Terminpflicht applies
    server.start()
    board = open_board(server, key)
    guide = server.client.get("/kiosk/walk-in?lang=en", board)
    assert "Please book an appointment" in guide.text and "request_id" not in guide.text
    late_tap = tap(server, board, "/kiosk/walk-in", service="first-application", request_id="a" * 32)
    assert "Please book an appointment" in late_tap.text and ticket_number(late_tap) is None
    assert ticket_count(server) == 1


def test_a_board_without_an_active_key_shows_nothing_and_issues_nothing(make_server):
    server = make_server().prepare().start()
    key, key_id = issue_key(server)
    board = open_board(server, key)
    assert "I have an appointment" in server.client.get("/kiosk/menu?lang=en", board).text
    wrong = server.client.get("/kiosk?key=" + "x" * 43)
    assert wrong.status == 403 and wrong.header("Set-Cookie") is None
    assert "not set up" in server.client.get("/kiosk/menu?lang=en").text  # no cookie at all
    rid = request_id(server, board, "/kiosk/emergency")
    server.cli("kiosk-key", "revoke", key_id)
    assert "revoked" in server.cli("kiosk-key", "list").stdout.decode()
    for path in ("/kiosk?lang=en", "/kiosk/menu?lang=en", "/kiosk/check-in?lang=en", "/kiosk/emergency?lang=en"):
        page = server.client.get(path, board)
        assert page.status == 403 and "This board is not set up" in page.text, path
        assert "Acute emergency" not in page.text and "request_id" not in page.text, path
    refused = tap(server, board, "/kiosk/emergency", situation="0", request_id=rid)
    assert refused.status == 403 and ticket_number(refused) is None
    assert server.client.get("/kiosk?key=" + urllib.parse.quote(key)).status == 403
    assert ticket_count(server) == 0
    assert server.client.get("/kiosk/health").text == "ok"


def test_booking_at_the_board_shows_the_code_queues_the_mail_and_books_once_per_tap(make_server):
    server = make_server().prepare().start()
    board = open_board(server, issue_key(server)[0])
    services = server.client.get("/kiosk/book?lang=en", board)
    assert services.status == 200 and "/kiosk/book/times?lang=en&amp;service=first-application" in services.text
    times = server.client.get("/kiosk/book/times?lang=en&service=first-application", board)
    links = re.findall(r'href="(/kiosk/book/details\?[^"]+)"', times.text)
    assert 0 < len(links) <= 12, times.text
    assert "2027-03-08T08%3A15%3A00Z" in links[0]  # today first: 09:15 in Mainz
    details = server.client.get(links[0].replace("&amp;", "&"), board)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', details.text))
    email = unique_email("board")

    missing = tap(server, board, "/kiosk/book/details", **dict(fields, name="Anna Muster", email="", phone=""))
    assert missing.status == 422 and "Enter an e-mail address or a mobile number." in missing.text
    assert "data-booking-code" not in missing.text

    rid = fields["request_id"]
    with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda _: tap(server, board, "/kiosk/book/details",
                                              **dict(fields, request_id=rid, name="Anna Muster", email=email,
                                                     phone="")), range(10)))
    codes = {re.search(r"data-booking-code>(\w+)<", a.text).group(1) for a in answers}
    assert len(codes) == 1 and all(a.status == 201 for a in answers), [a.status for a in answers]
    assert email in answers[0].text and "09:15" in answers[0].text
    with server.connect_db() as db:
        rows = db.execute("SELECT code, channel FROM appointments").fetchall()
        mails = db.execute("SELECT recipient FROM outbox").fetchall()
    assert rows == [(codes.pop(), "kiosk")]
    assert mails == [(email,)]
