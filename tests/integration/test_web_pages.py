# The citizen web pages over plain HTTP: security headers, CSRF refusal, escaping, language choice,
# static files (gzip, 304), and a time taken meanwhile leading back to the time choice.
import re
import urllib.parse

from amt import POOL_SERVICE, TODAY, booking_body, capacity_at, free_slot, unique_email
from web_forms import FORM, cookie_header, cookies_of


def details_form(client, start):
    """GET the contact form: (cookie jar, csrf token)."""
    resp = client.get(f"/book/{POOL_SERVICE}/details?start={urllib.parse.quote(start)}")
    assert resp.status == 200, resp
    token = re.search(rb'name="csrf" value="([0-9a-f]+)"', resp.body).group(1).decode()
    return cookies_of(resp), token


def post_details(client, jar, fields):
    headers = dict(FORM, Cookie=cookie_header(jar))
    return client.request("POST", f"/book/{POOL_SERVICE}/details", urllib.parse.urlencode(fields).encode(), headers)


def test_pages_carry_a_strict_content_security_policy_and_security_headers(client):
    resp = client.get("/")
    assert resp.status == 200 and resp.content_type.startswith("text/html")
    csp = resp.header("content-security-policy")
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert resp.header("x-content-type-options") == "nosniff"
    assert resp.header("referrer-policy") == "no-referrer"
    # Scripts only as files (app.js: the service worker of issue #8), never inline.
    assert not re.search(rb"<script(?![^>]*\bsrc=)", resp.body) and b"style=" not in resp.body
    assert b"http://" not in resp.body.replace(b"http://www.w3.org", b"")


def test_a_form_post_without_the_csrf_token_is_refused_and_books_nothing(client):
    slot = free_slot(client, TODAY.replace(day=16))
    before = capacity_at(client, slot["start"])
    jar, token = details_form(client, slot["start"])
    fields = {"start": slot["start"], "name": "Eve", "email": unique_email(), "action": "confirm"}
    assert post_details(client, jar, fields).status == 403
    assert post_details(client, {"amt_csrf": "0" * 32}, dict(fields, csrf=token)).status == 403
    assert capacity_at(client, slot["start"]) == before


def test_typed_input_comes_back_escaped_with_the_message_next_to_the_field(client):
    slot = free_slot(client, TODAY.replace(day=16))
    jar, token = details_form(client, slot["start"])
    resp = post_details(client, jar, {"csrf": token, "start": slot["start"], "name": "<script>x</script>",
                                      "email": "bad\"><b>", "action": "check", "step": "form"})
    assert resp.status == 422
    assert b"<script>x</script>" not in resp.body and b'bad"><b>' not in resp.body
    assert b'value="&lt;script&gt;x&lt;/script&gt;"' in resp.body
    assert b'id="email-error"' in resp.body and b'aria-invalid="true"' in resp.body


def test_a_time_taken_meanwhile_leads_back_to_the_time_choice_with_a_message(client):
    slot = free_slot(client, TODAY.replace(day=17))
    jar, token = details_form(client, slot["start"])
    for _ in range(capacity_at(client, slot["start"])):  # others take every place at that time
        assert client.post("/api/v1/bookings", booking_body(slot["start"], unique_email())).status == 201
    resp = post_details(client, jar, {"csrf": token, "start": slot["start"], "name": "Late Comer",
                                      "email": unique_email(), "action": "confirm", "key": "a" * 32})
    assert resp.status == 303, resp
    location = resp.header("location")
    assert location.startswith(f"/book/{POOL_SERVICE}/time?date=2027-03-17") and "taken=1" in location
    page = client.get(location, headers={"Cookie": cookie_header(jar)})
    assert "gerade vergeben".encode() in page.body


def test_language_comes_from_query_then_cookie_then_accept_language(client):
    assert client.get("/", headers={"Accept-Language": "uk-UA,uk;q=0.9"}).header("content-language") == "uk"
    resp = client.get("/?lang=ar")
    assert b'dir="rtl"' in resp.body and cookies_of(resp).get("amt_lang") == "ar"
    again = client.get("/", headers={"Cookie": "amt_lang=ar", "Accept-Language": "tr"})
    assert again.header("content-language") == "ar"
    assert client.get("/?lang=xx", headers={"Accept-Language": "fr"}).header("content-language") == "de"


def test_stylesheets_are_versioned_gzipped_and_revalidated(client):
    page = client.get("/").body
    href = re.search(rb'href="(/static/[0-9a-f]{16}/kern\.min\.css)"', page).group(1).decode()
    plain = client.get(href)
    gz = client.get(href, headers={"Accept-Encoding": "gzip"})
    assert plain.status == gz.status == 200
    assert gz.header("content-encoding") == "gzip" and len(gz.body) < len(plain.body) / 4
    assert "immutable" in plain.header("cache-control")
    assert client.get(href, headers={"If-None-Match": plain.header("etag")}).status == 304


def test_unknown_pages_and_bookings_answer_404_pages_not_errors(client):
    assert client.get("/book/no-such-service").status == 404
    assert client.get("/book/first-application/time?date=2027-02-30").status == 404
    assert client.get("/manage/KKKKKK?token=abc").status == 404


def test_a_language_switch_on_the_check_page_keeps_every_answer_and_books_nothing(client):
    slot = free_slot(client, TODAY.replace(day=18))
    before = capacity_at(client, slot["start"])
    jar, token = details_form(client, slot["start"])
    resp = post_details(client, jar, {"csrf": token, "start": slot["start"], "name": "Olena Koval",
                                      "email": "olena@example.org", "note": "Zwei\nZeilen", "step": "check",
                                      "lang": "uk"})
    assert resp.status == 200 and resp.header("content-language") == "uk"
    assert "Перевірте дані".encode() in resp.body
    for value in (b'value="Olena Koval"', b'value="olena@example.org"', b'value="Zwei\nZeilen"'):
        assert value in resp.body
    assert capacity_at(client, slot["start"]) == before


def test_tampered_links_and_bodies_get_pages_never_server_errors(client):
    paths = ["/book/first-application/day?from=9999-99-99", "/book/first-application/day?from=2027-03-08&cn=%00",
             "/book/first-application/time?date=", "/book/first-application/details?start=yesterday",
             "/book/first-application/details?start=2027-03-16T08:07:00%2B01:00", "/manage/%3Cscript%3E?token=x",
             "/manage/KKKKKK/day?token=", "/manage/KKKKKK/move?token=x&start=bad", "/manage?code=%3Cb%3E"]
    for path in paths:
        resp = client.get(path)
        assert resp.status < 500, (path, resp)
        assert b"<script>" not in resp.body and b"<b>" not in resp.body
    jar, token = details_form(client, free_slot(client, TODAY.replace(day=18))["start"])
    headers = dict(FORM, Cookie=cookie_header(jar))
    for body in (b"%", b"csrf=" + token.encode() + b"&start=x&name=" + b"A" * 5000, b"\xff\xfe=1"):
        resp = client.request("POST", f"/book/{POOL_SERVICE}/details", body, headers)
        assert resp.status < 500, (body[:40], resp)
    resp = client.request("POST", "/manage/KKKKKK/cancel", b"csrf=" + token.encode() + b"&token=x", headers)
    assert resp.status == 404
