# The waitlist through the public API: joining for a time's weekday and hours, and reading an
# entry back with its token.
import datetime as dt

from amt import bearer, parse_time, unique_email

DAY = dt.date(2027, 3, 23)  # a Tuesday two weeks after the test clock's Monday


def join(client, start, name, phone):
    local = parse_time(start).astimezone(dt.timezone(dt.timedelta(hours=1)))
    body = {"location": "mainz", "service": "first-application", "weekdays": [local.strftime("%a").lower()],
            "from": local.strftime("%H:%M"), "to": (local + dt.timedelta(minutes=45)).strftime("%H:%M"),
            "contact": {"name": name, "email": unique_email(name.lower()), "phone": phone}, "language": "en"}
    resp = client.post("/api/v1/waitlist", body)
    assert resp.status == 201, resp
    assert resp.json["status"] == "waiting"
    return dict(resp.json, email=body["contact"]["email"], phone=phone)


def entry(client, joined):
    resp = client.get(f"/api/v1/waitlist/{joined['id']}", bearer(joined["token"]))
    assert resp.status == 200, resp
    return resp.json
