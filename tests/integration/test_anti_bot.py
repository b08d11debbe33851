# Abuse defence on public booking with the real binary: ALTCHA proof of work on POST /api/v1/bookings
# and on the web form (solved here like the widget does), its no-JavaScript wait-token fallback, one
# use per proof even across two servers on one database, expiry, and per-IP / per-contact limits (429).
import base64
import hashlib
import json
import re
import time
import urllib.parse

import pytest

from amt import POOL_SERVICE, TODAY, booking_body, field_errors, free_slot, has_field_error, is_problem, unique_email
from web_forms import FORM, cookie_header, cookies_of

SECRET = "anti-bot-test-secret-0123456789abcdef0123"
PROOF_ON = {"AMTSTERMIN_ALTCHA_ENABLED": "true", "AMTSTERMIN_ALTCHA_MAX_NUMBER": "20000",
            "AMTSTERMIN_ALTCHA_FALLBACK_WAIT_SECONDS": "5", "AMTSTERMIN_SECURITY_SECRET": SECRET}


def solve(challenge):
    """What the altcha widget does: find the number whose SHA-256 with the salt is the challenge."""
    for n in range(challenge["maxnumber"] + 1):
        if hashlib.sha256(f"{challenge['salt']}{n}".encode()).hexdigest() == challenge["challenge"]:
            payload = {"algorithm": challenge["algorithm"], "challenge": challenge["challenge"], "number": n,
                       "salt": challenge["salt"], "signature": challenge["signature"], "took": 1}
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise AssertionError(f"unsolvable challenge {challenge}")


def fresh_proof(client):
    resp = client.get("/api/v1/challenge")
    assert resp.status == 200 and resp.header("cache-control") == "no-store", resp
    return solve(resp.json)


@pytest.fixture
def guarded(make_server):
    return make_server(PROOF_ON).prepare().start()


def day(n):
    return TODAY.replace(day=n)


def test_api_booking_without_a_proof_is_refused_and_with_a_solved_challenge_succeeds(guarded):
    client = guarded.client
    slot = free_slot(client, day(15))
    assert has_field_error(client.post("/api/v1/bookings", booking_body(slot["start"])), "altcha", "required")
    resp = client.post("/api/v1/bookings", booking_body(slot["start"], altcha=fresh_proof(client)))
    assert resp.status == 201, resp


def test_a_solution_books_once_and_a_forged_one_never(guarded):
    client = guarded.client
    proof = fresh_proof(client)
    first = free_slot(client, day(15))
    assert client.post("/api/v1/bookings", booking_body(first["start"], altcha=proof)).status == 201
    again = client.post("/api/v1/bookings", booking_body(free_slot(client, day(16))["start"], altcha=proof))
    assert has_field_error(again, "altcha", "used")

    challenge = client.get("/api/v1/challenge").json
    payload = json.loads(base64.b64decode(solve(challenge)))
    for forged in (dict(payload, number=payload["number"] + 1), dict(payload, signature="0" * 64),
                   dict(payload, salt=payload["salt"].split("?")[0] + "?expires=9999999999")):
        body = booking_body(free_slot(client, day(16))["start"], altcha=base64.b64encode(json.dumps(forged).encode()).decode())
        assert has_field_error(client.post("/api/v1/bookings", body), "altcha", "invalid")
    assert has_field_error(client.post("/api/v1/bookings", booking_body(first["start"], altcha="%%%")), "altcha")


def test_a_refused_booking_leaves_the_solution_usable(guarded):
    client = guarded.client
    proof = fresh_proof(client)
    slot = free_slot(client, day(17))
    refused = client.post("/api/v1/bookings", booking_body(slot["start"], altcha=proof, language="xx"))
    assert has_field_error(refused, "language")
    assert client.post("/api/v1/bookings", booking_body(slot["start"], altcha=proof)).status == 201


def test_one_solution_is_accepted_once_by_two_servers_on_one_database(make_server):
    a = make_server(PROOF_ON, name="a").prepare().start()
    b = make_server(PROOF_ON, name="b", database_url=a.database_url).start()
    proof = fresh_proof(a.client)
    assert b.client.post("/api/v1/bookings", booking_body(free_slot(b.client, day(18))["start"], altcha=proof)).status == 201
    again = a.client.post("/api/v1/bookings", booking_body(free_slot(a.client, day(19))["start"], altcha=proof))
    assert has_field_error(again, "altcha", "used")


def test_a_solution_stays_valid_twenty_minutes_and_expires_after_thirty(make_server):
    issuer = make_server(PROOF_ON, name="issuer").prepare().start()
    proof_late, proof_in_time = fresh_proof(issuer.client), fresh_proof(issuer.client)
    later = dict(PROOF_ON, AMTSTERMIN_CLOCK_NOW="2027-03-08T07:25:00Z")   # 25 minutes on
    much_later = dict(PROOF_ON, AMTSTERMIN_CLOCK_NOW="2027-03-08T07:31:00Z")  # 31 minutes on
    b = make_server(later, name="b", database_url=issuer.database_url).start()
    assert b.client.post("/api/v1/bookings",
                         booking_body(free_slot(b.client, day(22))["start"], altcha=proof_in_time)).status == 201
    c = make_server(much_later, name="c", database_url=issuer.database_url).start()
    late = c.client.post("/api/v1/bookings", booking_body(free_slot(c.client, day(22))["start"], altcha=proof_late))
    assert has_field_error(late, "altcha", "expired")


def test_api_answers_429_with_retry_after_over_the_per_ip_limit(make_server):
    srv = make_server({"AMTSTERMIN_RATE_LIMIT_BOOKING_PER_IP": "2", "AMTSTERMIN_RATE_LIMIT_WINDOW_MINUTES": "60"}).prepare().start()
    client = srv.client
    for n in (15, 16):
        assert client.post("/api/v1/bookings", booking_body(free_slot(client, day(n))["start"])).status == 201
    resp = client.post("/api/v1/bookings", booking_body(free_slot(client, day(17))["start"]))
    doc = is_problem(resp, 429, "/problems/rate-limited")
    assert 1 <= int(resp.header("retry-after")) <= 1800, resp.headers
    assert "seconds" in doc["detail"]


def test_per_contact_limit_counts_every_spelling_of_one_address(make_server):
    srv = make_server({"AMTSTERMIN_RATE_LIMIT_BOOKING_PER_CONTACT": "2"}).prepare().start()
    client = srv.client
    email = unique_email()
    for n, spelling in ((15, email), (16, " " + email.upper())):
        assert client.post("/api/v1/bookings", booking_body(free_slot(client, day(n))["start"], spelling)).status == 201
    refused = client.post("/api/v1/bookings", booking_body(free_slot(client, day(17))["start"], email))
    is_problem(refused, 429, "/problems/rate-limited")
    other = client.post("/api/v1/bookings", booking_body(free_slot(client, day(17))["start"], unique_email()))
    assert other.status == 201, other


# --- the web form --------------------------------------------------------------------------------

def open_form(client, start, lang="de"):
    resp = client.get(f"/book/{POOL_SERVICE}/details?start={urllib.parse.quote(start)}&lang={lang}")
    assert resp.status == 200, resp
    return resp


def hidden(body, name):
    m = re.search(rf'name="{name}"[^>]*? value="([^"]*)"'.encode(), body)
    return m and m.group(1).decode()


def post_form(client, jar, fields):
    headers = dict(FORM, Cookie=cookie_header(jar))
    return client.request("POST", f"/book/{POOL_SERVICE}/details", urllib.parse.urlencode(fields).encode(), headers)


def contact(start, email):
    return {"start": start, "name": "Olena Petrenko", "email": email, "phone": "", "customer_number": "",
            "note": "Weiterbewilligung"}


def test_form_shows_the_widget_from_our_own_server_and_a_wait_token_without_javascript(guarded):
    page = open_form(guarded.client, free_slot(guarded.client, day(15))["start"])
    body = page.body
    assert b"<altcha-widget" in body and b'challengeurl="/api/v1/challenge"' in body
    script = re.search(rb'<script type="module" src="(/static/[0-9a-f]+/altcha.js)"></script>', body)
    assert script, body
    worker = re.search(rb'workerurl="(/static/[0-9a-f]+/worker.js)"', body).group(1).decode()
    for url in (script.group(1).decode(), worker):
        assert guarded.client.get(url).status == 200
    assert b"<noscript>" in body and hidden(body, "altcha_wait").startswith("wait1.")
    assert "script-src 'self'" in page.header("content-security-policy")


def test_without_javascript_the_form_asks_for_a_short_wait_and_then_books(guarded):
    client = guarded.client
    start = free_slot(client, day(16))["start"]
    page = open_form(client, start)
    jar, csrf, wait = cookies_of(page), hidden(page.body, "csrf"), hidden(page.body, "altcha_wait")
    email = unique_email()
    fields = dict(contact(start, email), csrf=csrf, altcha_wait=wait, step="form", action="check")
    early = post_form(client, jar, fields)
    assert early.status == 422, early
    text = early.body.decode()
    assert re.search(r"Bitte warten Sie noch \d+ Sekunden", text), text
    assert hidden(early.body, "altcha_wait") == wait and hidden(early.body, "email") == email  # input kept
    time.sleep(5.2)
    check = post_form(client, jar, fields)
    assert check.status == 200 and hidden(check.body, "altcha_wait") == wait, check
    booked = post_form(client, jar, dict(fields, step="check", action="confirm", key=hidden(check.body, "key")))
    assert booked.status == 303 and booked.header("location").startswith("/manage/"), booked
    # The same token again (another tab, another key) is spent: the form comes back with a new one.
    again = post_form(client, jar, dict(fields, step="check", action="confirm", key="b" * 32))
    assert again.status == 422, again
    assert "Sie wurde erneuert".encode() in again.body
    assert hidden(again.body, "altcha_wait") not in (None, wait) and hidden(again.body, "email") == email


def test_an_expired_solution_reshows_the_form_with_the_input_and_a_message_in_the_users_language(make_server):
    issuer = make_server(PROOF_ON, name="issuer").prepare().start()
    proof = fresh_proof(issuer.client)
    later = make_server(dict(PROOF_ON, AMTSTERMIN_CLOCK_NOW="2027-03-08T07:45:00Z"), name="later",
                        database_url=issuer.database_url).start()
    client = later.client
    start = free_slot(client, day(23))["start"]
    page = open_form(client, start, lang="uk")
    jar = cookies_of(page)
    email = unique_email()
    fields = dict(contact(start, email), csrf=hidden(page.body, "csrf"), altcha=proof, step="check",
                  action="confirm", key="c" * 32)
    resp = post_form(client, jar, fields)  # the language cookie (uk) came with the form
    assert resp.status == 422, resp
    assert "Перевірка від зловживань застаріла".encode() in resp.body
    assert hidden(resp.body, "email") == email and hidden(resp.body, "note") is None  # note is a textarea
    assert "Weiterbewilligung".encode() in resp.body and b"<altcha-widget" in resp.body


def test_web_booking_over_the_limit_gets_a_friendly_page_with_retry_after(make_server):
    srv = make_server({"AMTSTERMIN_RATE_LIMIT_BOOKING_PER_CONTACT": "1"}).prepare().start()
    client = srv.client
    email = unique_email()
    results = []
    for n in (15, 16):
        start = free_slot(client, day(n))["start"]
        page = open_form(client, start, lang="tr")
        fields = dict(contact(start, email), csrf=hidden(page.body, "csrf"), step="check", action="confirm",
                      key=str(n) * 16)
        results.append(post_form(client, cookies_of(page), fields))
    assert results[0].status == 303, results[0]
    assert results[1].status == 429 and int(results[1].header("retry-after")) > 0, results[1]
    assert "Çok fazla deneme".encode() in results[1].body
    assert results[1].content_type.startswith("text/html")
