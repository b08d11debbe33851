# Bookings through the public API beyond amt.py's basics: a POST on its own connection (for many
# threads at once), the times citizens could book online, filling a time up, and cancelling.
import datetime as dt
import http.client
import json

from amt import LOCATION, bearer, booking_body, capacity_at, slots


def post_booking(port, body, timeout=60):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", "/api/v1/bookings", body=json.dumps(body).encode(),
                     headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        payload = resp.read()
        return resp.status, json.loads(payload) if payload else None
    finally:
        conn.close()


def bookable_times(client):
    """(service, start) pairs citizens could book online in the coming weeks."""
    resp = client.get(f"/api/v1/services?location={LOCATION}")
    assert resp.status == 200, resp
    pairs = []
    for service in resp.json["services"]:
        if "online" not in service["channels"] or service["routing"] != "pool":
            continue
        for slot in slots(client, service["id"], dt.date(2027, 3, 15), dt.date(2027, 4, 9)):
            pairs.append((service["id"], slot["start"]))
    assert len(pairs) > 100, f"too few free times for a load test: {len(pairs)}"
    return pairs


def fill_time(client, start):
    """Books start until no capacity is left; returns the bookings (code, manage_token)."""
    booked = []
    while capacity_at(client, start) > 0:
        resp = client.post("/api/v1/bookings", booking_body(start))
        assert resp.status == 201, resp
        booked.append((resp.json["code"], resp.json["manage_token"]))
    assert booked
    return booked


def cancel(client, booking):
    code, token = booking
    resp = client.post(f"/api/v1/bookings/{code}/cancel", None, bearer(token))
    assert resp.status == 200, resp
