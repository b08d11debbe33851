# The citizen site as an installable app, over plain HTTP: the manifest and its icons, the service
# worker at the site's root, the offline page, and what the confirmation page offers to keep on the
# device (code, date, time, place and nothing else). The browser side is in tests/e2e/app.test.mjs.
import json
import re

import datetime as dt

from amt import booking_body, free_slot


def test_manifest_names_the_app_and_its_icons_exist(client):
    resp = client.get("/manifest.webmanifest?lang=en")
    assert resp.status == 200 and resp.content_type.startswith("application/manifest+json")
    m = json.loads(resp.body)
    assert m["name"] == "Jobcenter appointments" and m["lang"] == "en"
    assert m["start_url"] == "/" and m["scope"] == "/" and m["display"] == "standalone"
    for icon in m["icons"]:
        got = client.get(icon["src"])
        assert got.status == 200 and got.content_type == icon["type"], icon
        if icon["type"] == "image/png":
            assert got.body.startswith(b"\x89PNG")
            width, height = int.from_bytes(got.body[16:20], "big"), int.from_bytes(got.body[20:24], "big")
            assert f"{width}x{height}" == icon["sizes"]
    assert json.loads(client.get("/manifest.webmanifest?lang=ar").body)["dir"] == "rtl"


def test_service_worker_is_served_from_the_root_and_revalidated(client):
    resp = client.get("/sw.js")
    assert resp.status == 200 and resp.content_type.startswith("text/javascript")
    assert resp.header("cache-control") == "no-cache"
    assert b"addEventListener('fetch'" in resp.body


def test_pages_link_the_manifest_and_load_scripts_only_from_files_under_a_strict_policy(client):
    resp = client.get("/")
    html = resp.body.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert re.search(r'<script src="/static/[0-9a-f]+/app\.js" defer></script>', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    csp = resp.header("content-security-policy")
    assert "script-src 'self'" in csp and "manifest-src 'self'" in csp and "unsafe-inline" not in csp


def test_offline_page_has_the_saved_booking_box_hidden_until_a_script_fills_it(client):
    resp = client.get("/offline")
    assert resp.status == 200
    html = resp.body.decode()
    assert 'id="saved-booking"' in html and "hidden" in html
    assert re.search(r'<script src="/static/[0-9a-f]+/offline\.js" defer></script>', html)


def test_confirmation_offers_only_code_date_time_and_place_to_keep_on_the_device(client):
    start = free_slot(client, dt.date(2027, 3, 18), skip=2)["start"]
    made = client.post("/api/v1/bookings", booking_body(start, email="keep.me@example.org", phone="015123456789"))
    assert made.status == 201, made
    code, token = made.json["code"], made.json["manage_token"]
    html = client.get(f"/manage/{code}?token={token}&booked=1").body.decode()
    element = re.search(r'<div id="booking-on-device"[^>]*>', html).group(0)
    attributes = dict(re.findall(r'data-([a-z]+)="([^"]*)"', element))
    assert set(attributes) == {"state", "code", "date", "time", "place"}
    assert attributes["state"] == "booked" and attributes["code"] == code
    assert "keep.me" not in element and "015123456789" not in element
    assert client.post(f"/api/v1/bookings/{code}/cancel", None, {"Authorization": f"Bearer {token}"}).status == 200
    cancelled = client.get(f"/manage/{code}?token={token}").body.decode()
    assert 'data-state="cancelled"' in cancelled  # tells the device to forget it
