# The waitlist (issue #8 item 3) on the real server, both engines, with the real SMTP sink and the
# recording SMS gateway: a cancelled time goes to the first fitting entry in join order (mail and
# SMS with the one-tap link), nobody else can book the held time, accepting books it exactly once,
# and a hold that runs out (a later clock after a restart) goes to the next in line.
import datetime as dt
import html
import re
import urllib.parse


from amt import bearer, booking_body, capacity_at, free_slot, parse_time, unique_email, wait_until
from booking_client import cancel, fill_time
from mail_server import mail_env, mails_to
from sms_gateway import sms_env, sms_to
from staff_client import create_staff, signed_in
from waitlist_client import DAY, entry, join
from web_forms import FORM, cookie_header, cookies_of

LINK = re.compile(r"https://termine\.example\.org/waitlist/([0-9a-f]+)\?token=([A-Za-z0-9_-]+)#offer")


def waitlist_server(make_server, smtp, gateway):
    env = mail_env(smtp.port)
    env.update(sms_env(gateway.port, "AMT_TEST_WAITLIST_SMS"))
    env["AMT_TEST_WAITLIST_SMS"] = "sms-secret"
    env["AMTSTERMIN_WAITLIST_CHECK_SECONDS"] = "1"
    return make_server(env).prepare().start()


def test_joining_checks_fields_and_keeps_the_entry_behind_its_token(make_server, smtp, gateway):
    server = waitlist_server(make_server, smtp, gateway)
    client = server.client
    resp = client.post("/api/v1/waitlist", {"location": "mainz", "service": "first-application", "weekdays": ["someday"],
                                            "from": "12:00", "to": "09:00", "contact": {"name": "Ada"}})
    assert resp.status == 422, resp
    fields = {e["field"] for e in resp.json["errors"]}
    assert {"weekdays", "to", "contact"} <= fields
    joined = join(client, free_slot(client, DAY)["start"], "Ada", "+491511111111")
    assert entry(client, joined)["status"] == "waiting"
    assert client.get(f"/api/v1/waitlist/{joined['id']}", bearer("wrong" + joined["token"])).status == 404
    assert client.get(f"/api/v1/waitlist/{joined['id']}").status == 401
    left = client.post(f"/api/v1/waitlist/{joined['id']}/leave", None, bearer(joined["token"]))
    assert left.status == 200 and left.json["status"] == "left"


def test_freed_time_is_held_for_the_first_fitting_entry_accepted_once_then_next_in_line(make_server, smtp, gateway):
    server = waitlist_server(make_server, smtp, gateway)
    client = server.client
    start = free_slot(client, DAY, skip=2)["start"]
    bookings = fill_time(client, start)
    other_time = free_slot(client, DAY, skip=0)["start"]
    # Joined in this order; the second wants another hour, so it never fits this time.
    ada = join(client, start, "Ada", "+491511111111")
    elsewhere = join(client, other_time, "Otto", "+491512222222")
    ben = join(client, start, "Ben", "+491513333333")
    cem = join(client, start, "Cem", "+491514444444")

    cancel(client, bookings[0])
    # Held for Ada: nobody else can book it, availability does not offer it.
    offer = entry(client, ada)
    assert offer["status"] == "offered"
    assert parse_time(offer["offer"]["start"]) == parse_time(start)
    assert capacity_at(client, start) == 0
    assert client.post("/api/v1/bookings", booking_body(start)).status == 409
    assert entry(client, ben)["status"] == "waiting" and entry(client, elsewhere)["status"] == "waiting"

    joined_mail, mail = mails_to(smtp, ada["email"], count=2)  # joining is confirmed first
    assert str(joined_mail["Subject"]) == "You are on the waitlist"
    assert str(mail["Subject"]).startswith("A time for you")
    text = mail.get_body(preferencelist=("plain",)).get_content()
    link = LINK.search(text)
    assert link and link.group(1) == ada["id"] and link.group(2) == ada["token"]
    [sms] = sms_to(gateway, "1511111111")
    assert f"/waitlist/{ada['id']}?token={ada['token']}" in sms["json"]["text"]

    # The one-tap page shows the time and one button; accepting books it once.
    page = client.get(f"/waitlist/{ada['id']}?token={ada['token']}&lang=en")
    assert page.status == 200 and b"Book this time" in page.body
    first = client.post(f"/api/v1/waitlist/{ada['id']}/accept", None, bearer(ada["token"]))
    assert first.status == 201, first
    assert first.json["status"] == "booked" and parse_time(first.json["start"]) == parse_time(start)
    again = client.post(f"/api/v1/waitlist/{ada['id']}/accept", None, bearer(ada["token"]))
    assert again.status == 409, again
    mine = client.get(f"/api/v1/bookings/{first.json['code']}", bearer(first.json["manage_token"]))
    assert mine.status == 200 and mine.json["status"] == "booked"
    assert entry(client, ada)["status"] == "booked"

    # The next cancellation goes to Ben, who lets it run out: after a restart two hours (of
    # office time) later, Ben is told and Cem, the next in line, gets the time.
    cancel(client, bookings[1])
    assert entry(client, ben)["status"] == "offered"
    sms_to(gateway, "1513333333")
    server.stop()
    server.extra_env["AMTSTERMIN_CLOCK_NOW"] = "2027-03-08T12:00:00Z"
    server.start()
    client = server.client  # a new port after the restart
    wait_until(lambda: entry(client, cem)["status"] == "offered", "the next in line's offer")
    assert entry(client, ben)["status"] == "lapsed"
    assert capacity_at(client, start) == 0
    lapsed = [m for m in mails_to(smtp, ben["email"], count=3) if "next person" in str(m["Subject"])]
    assert len(lapsed) == 1
    sms_to(gateway, "1514444444")
    assert client.post(f"/api/v1/waitlist/{ben['id']}/accept", None, bearer(ben["token"])).status == 409


def form_post(client, path, page, fields):
    """POSTs fields to path with the csrf token and cookie of the page that showed the form."""
    token = re.search(rb'name="csrf" value="([0-9a-f]+)"', page.body).group(1).decode()
    headers = dict(FORM, Cookie=cookie_header(cookies_of(page)))
    body = urllib.parse.urlencode(list(fields) + [("csrf", token)]).encode()
    return client.request("POST", path, body, headers)


def test_booking_pages_lead_to_the_join_form_which_keeps_input_and_confirms_by_mail(make_server, smtp, gateway):
    server = waitlist_server(make_server, smtp, gateway)
    client = server.client
    days = client.get("/book/first-application/day?lang=en")
    assert days.status == 200 and b'href="/book/first-application/waitlist"' in days.body

    form = client.get("/book/first-application/waitlist?lang=en")
    assert form.status == 200 and b"Days that suit you" in form.body
    bad = form_post(client, "/book/first-application/waitlist?lang=en", form,
                    [("from", "14:00"), ("to", "10:00"), ("name", "Dana <b>Doe</b>"), ("phone", "12")])
    assert bad.status == 422, bad
    text = bad.body.decode()
    assert 'id="weekdays-error"' in text and 'id="to-error"' in text and 'id="phone-error"' in text
    assert html.escape("Dana <b>Doe</b>", quote=True) in text and "<b>Doe</b>" not in text  # kept, escaped
    assert 'value="14:00"' in text

    address = unique_email("dana")
    good = form_post(client, "/book/first-application/waitlist?lang=en", form,
                     [("day", "tue"), ("day", "thu"), ("from", "08:00"), ("to", "11:00"), ("name", "Dana Doe"),
                      ("email", address)])
    assert good.status == 303, good
    location = good.header("location")
    match = re.match(r"/waitlist/([0-9a-f]+)\?token=([A-Za-z0-9_-]+)&joined=1$", location)
    assert match, location
    page = client.get(location + "&lang=en")
    assert page.status == 200 and b"You are on the waitlist" in page.body and b"Leave the waitlist" in page.body
    doc = client.get(f"/api/v1/waitlist/{match.group(1)}", bearer(match.group(2))).json
    assert doc["weekdays"] == ["tue", "thu"] and doc["from"] == "08:00" and doc["to"] == "11:00"
    assert doc["language"] == "en"
    [mail] = mails_to(smtp, address)
    assert f"/waitlist/{match.group(1)}?token={match.group(2)}" in mail.get_body(preferencelist=("plain",)).get_content()

    # Leaving through the page's form ends the entry.
    left = form_post(client, f"/waitlist/{match.group(1)}/leave", page, [("token", match.group(2))])
    assert left.status == 303, left
    assert client.get(f"/api/v1/waitlist/{match.group(1)}", bearer(match.group(2))).json["status"] == "left"


def test_accepting_on_the_page_books_once_and_a_second_tap_gets_a_clear_page(make_server, smtp, gateway):
    server = waitlist_server(make_server, smtp, gateway)
    client = server.client
    start = free_slot(client, DAY, skip=4)["start"]
    bookings = fill_time(client, start)
    eva = join(client, start, "Eva", "+491515555555")
    cancel(client, bookings[0])
    page = client.get(f"/waitlist/{eva['id']}?token={eva['token']}&lang=en")
    assert page.status == 200 and b"Book this time" in page.body
    booked = form_post(client, f"/waitlist/{eva['id']}/accept", page, [("token", eva["token"])])
    assert booked.status == 303, booked
    assert booked.header("location").startswith("/manage/") and "booked=1" in booked.header("location")
    confirmation = client.get(booked.header("location") + "&lang=en")
    assert confirmation.status == 200
    again = form_post(client, f"/waitlist/{eva['id']}/accept?lang=en", page, [("token", eva["token"])])
    assert again.status == 409 and b"no longer held" in again.body
    assert capacity_at(client, start) == 0


def test_service_center_sees_the_waitlist_in_join_order_with_held_times_but_no_contacts(make_server, smtp, gateway):
    server = waitlist_server(make_server, smtp, gateway)
    client = server.client
    start = free_slot(client, DAY, skip=6)["start"]
    bookings = fill_time(client, start)
    first = join(client, start, "Fay", "+491516666666")
    join(client, start, "Gil", "+491517777777")
    cancel(client, bookings[0])
    assert entry(client, first)["status"] == "offered"
    create_staff(server, "sina.agent", "agent")
    agent = signed_in(server.client, "sina.agent")
    page = agent.get("/staff/console/waitlist?location=mainz")
    assert page.status == 200, page
    rows = re.findall(rb"<tr><td>(\d+)</td>.*?</tr>", page.body)
    assert rows == [b"1", b"2"]
    held = parse_time(start).astimezone(dt.timezone(dt.timedelta(hours=1)))
    assert held.strftime("%Y-%m-%d %H:%M").encode() in page.body
    assert first["email"].encode() not in page.body and b"Fay" not in page.body
    create_staff(server, "rita.reception", "reception")
    assert signed_in(server.client, "rita.reception").get("/staff/console/waitlist").status == 403
