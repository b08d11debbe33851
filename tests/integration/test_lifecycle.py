# A citizen's whole journey through the v1 API against the real binary and demo data: what can be
# booked, when, booking, viewing, rescheduling, cancelling, retries, limits and error answers.
import datetime as dt
import re

from amt import (CODE_ALPHABET, LOCATION, POOL_SERVICE, TODAY, availability, bearer, booking_body,
                 capacity_at, field_errors, free_slot, has_field_error, is_problem, parse_time,
                 same_instant, slots, unique_email, weekdays_from)

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DEMO_SERVICES = {"first-application", "continued-benefits", "change-notification", "housing-costs",
                 "one-off-benefits", "education-participation", "placement-counselling",
                 "submit-documents", "decision-questions"}
# Each test that books uses its own day, so capacities seen by one test are not moved by another.
DAYS = weekdays_from(dt.date(2027, 3, 15), 5)  # the week the Terminpflicht starts


def services(client):
    resp = client.get(f"/api/v1/services?location={LOCATION}")
    assert resp.status == 200, resp
    return {s["id"]: s for s in resp.json["services"]}


# --- what can be booked --------------------------------------------------------------------------

def test_locations_list_mainz_with_opening_hours_for_every_weekday(client):
    resp = client.get("/api/v1/locations")
    assert resp.status == 200, resp
    assert resp.content_type.startswith("application/json")
    mainz = {loc["id"]: loc for loc in resp.json["locations"]}[LOCATION]
    for key in ("name", "address", "phone"):
        assert isinstance(mainz[key], str) and mainz[key], key
    assert mainz["time_zone"] == "Europe/Berlin"
    assert dt.date.fromisoformat(mainz["terminpflicht_from"]) > TODAY
    assert isinstance(mainz["slot_minutes"], int) and mainz["slot_minutes"] > 0
    hours = mainz["opening_hours"]
    assert set(hours) == set(WEEKDAYS)
    assert hours["saturday"] == [] and hours["sunday"] == []
    for day in WEEKDAYS[:5]:
        assert hours[day], f"closed on {day}"
        for span in hours[day]:
            assert re.fullmatch(r"\d\d:\d\d", span["start"]) and re.fullmatch(r"\d\d:\d\d", span["end"])
            assert span["start"] < span["end"]


def test_services_of_mainz_describe_how_each_concern_is_booked(client):
    resp = client.get(f"/api/v1/services?location={LOCATION}")
    assert resp.status == 200, resp
    assert resp.json["location"] == LOCATION
    by_id = {s["id"]: s for s in resp.json["services"]}
    assert DEMO_SERVICES <= set(by_id)
    for service in by_id.values():
        assert service["name"] and isinstance(service["group"], str)
        assert isinstance(service["description"], str)
        assert isinstance(service["documents"], list)
        assert set(service["channels"]) <= {"online", "phone", "kiosk"} and service["channels"]
        assert service["routing"] in ("pool", "responsible")
        for key in ("duration_minutes", "lead_time_minutes", "horizon_days"):
            assert isinstance(service[key], int) and service[key] >= 0, (service["id"], key)
    assert by_id["first-application"]["duration_minutes"] == 45
    assert by_id["first-application"]["routing"] == "pool"
    assert by_id["placement-counselling"]["routing"] == "responsible"


def test_services_without_location_is_a_field_error(client):
    resp = client.get("/api/v1/services")
    has_field_error(resp, "location")


def test_services_of_unknown_location_is_not_found(client):
    resp = client.get("/api/v1/services?location=atlantis")
    is_problem(resp, 404, "/problems/not-found")


# --- availability --------------------------------------------------------------------------------

def test_availability_skips_weekends_and_easter_and_follows_daylight_saving(client):
    doc = availability(client, POOL_SERVICE, "2027-03-22", "2027-04-02")
    assert doc["location"] == LOCATION and doc["service"] == POOL_SERVICE
    assert doc["from"] == "2027-03-22" and doc["to"] == "2027-04-02"
    dates = [day["date"] for day in doc["days"]]
    assert dates == sorted(dates)
    assert "2027-03-26" not in dates, "Good Friday is a public holiday"
    assert "2027-03-29" not in dates, "Easter Monday is a public holiday in Rhineland-Palatinate"
    for date in dates:
        assert dt.date.fromisoformat(date).weekday() < 5, f"slots on a weekend: {date}"
    assert any(d < "2027-03-28" for d in dates) and any(d > "2027-03-28" for d in dates), dates
    for day in doc["days"]:
        assert day["slots"], f"day {day['date']} listed without slots"
        offset = "+01:00" if day["date"] < "2027-03-28" else "+02:00"
        starts = [parse_time(slot["start"]) for slot in day["slots"]]
        assert starts == sorted(starts)
        for slot in day["slots"]:
            assert slot["start"].startswith(day["date"] + "T"), slot
            assert slot["start"].endswith(offset) and slot["end"].endswith(offset), slot
            assert parse_time(slot["end"]) - parse_time(slot["start"]) == dt.timedelta(minutes=45)
            assert isinstance(slot["capacity"], int) and slot["capacity"] >= 1, slot
            local = parse_time(slot["start"])
            assert dt.time(7, 0) <= local.time() <= dt.time(19, 0), f"odd local time {slot['start']}"


def test_availability_defaults_to_two_weeks_from_today(client):
    doc = availability(client, POOL_SERVICE)
    assert doc["from"] == "2027-03-08"
    assert doc["to"] == "2027-03-21"
    for day in doc["days"]:
        assert "2027-03-08" <= day["date"] <= "2027-03-21"


def test_availability_never_offers_times_before_now_plus_lead_time(client):
    lead = services(client)[POOL_SERVICE]["lead_time_minutes"]
    earliest = dt.datetime(2027, 3, 8, 7, 0, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=lead)
    for slot in slots(client, POOL_SERVICE, "2027-03-08", "2027-03-09"):
        assert parse_time(slot["start"]) >= earliest, slot


def test_availability_rejects_bad_ranges_with_field_errors(client):
    base = f"/api/v1/availability?location={LOCATION}&service={POOL_SERVICE}"
    resp = client.get(base + "&from=2027-03-20&to=2027-03-10")
    assert {e["field"] for e in field_errors(resp)} & {"from", "to"}
    resp = client.get(base + "&from=2027-03-10&to=2027-06-30")  # 112 days
    assert {e["field"] for e in field_errors(resp)} & {"from", "to"}
    has_field_error(client.get(base + "&from=2027-02-30&to=2027-03-10"), "from")
    has_field_error(client.get(base + "&from=2027-03-10&to=next-week"), "to")
    has_field_error(client.get(f"/api/v1/availability?service={POOL_SERVICE}"), "location")
    has_field_error(client.get(f"/api/v1/availability?location={LOCATION}"), "service")


def test_availability_of_unknown_location_or_service_is_not_found(client):
    is_problem(client.get(f"/api/v1/availability?location=atlantis&service={POOL_SERVICE}"),
               404, "/problems/not-found")
    is_problem(client.get(f"/api/v1/availability?location={LOCATION}&service=unicorns"),
               404, "/problems/not-found")


# --- book, view, reschedule, cancel ------------------------------------------------------------

def test_booking_can_be_viewed_rescheduled_and_cancelled_and_frees_its_time(client):
    first = free_slot(client, DAYS[0])
    second = free_slot(client, DAYS[1])
    cap_first, cap_second = first["capacity"], second["capacity"]
    email = unique_email("lifecycle")
    body = booking_body(first["start"], email=email, phone="+49 6131 555-0101",
                        customer_number="123D456", note="Ich bringe meinen Ausweis mit.",
                        language="en")

    created = client.post("/api/v1/bookings", body)
    assert created.status == 201, created
    booking = created.json
    code, token = booking["code"], booking["manage_token"]
    assert len(code) == 6 and set(code) <= CODE_ALPHABET, code
    assert re.fullmatch(r"[A-Za-z0-9_-]{22,}", token), token
    assert created.header("Location") == f"/api/v1/bookings/{code}"
    assert booking["status"] == "booked" and booking["channel"] == "online"
    assert booking["location"] == LOCATION and booking["service"] == POOL_SERVICE
    assert booking["start"] == first["start"] and same_instant(booking["end"], first["end"])
    assert booking["contact"]["name"] == "Erika Mustermann"
    assert booking["contact"]["email"] == email
    assert booking["customer_number"] == "123D456"
    assert booking["note"] == "Ich bringe meinen Ausweis mit."
    assert booking["language"] == "en"
    assert capacity_at(client, first["start"]) == cap_first - 1

    viewed = client.get(f"/api/v1/bookings/{code}", bearer(token))
    assert viewed.status == 200, viewed
    assert "manage_token" not in viewed.json
    expected = {k: v for k, v in booking.items() if k != "manage_token"}
    assert viewed.json == expected

    moved = client.post(f"/api/v1/bookings/{code}/reschedule", {"start": second["start"]}, bearer(token))
    assert moved.status == 200, moved
    assert moved.json["code"] == code and moved.json["status"] == "booked"
    assert moved.json["start"] == second["start"] and same_instant(moved.json["end"], second["end"])
    assert capacity_at(client, first["start"]) == cap_first, "the old time was not freed"
    assert capacity_at(client, second["start"]) == cap_second - 1

    viewed = client.get(f"/api/v1/bookings/{code}", bearer(token))
    assert viewed.status == 200, viewed
    assert viewed.json["start"] == second["start"] and viewed.json["contact"]["email"] == email

    cancelled = client.post(f"/api/v1/bookings/{code}/cancel", None, bearer(token))
    assert cancelled.status == 200, cancelled
    assert cancelled.json["status"] == "cancelled" and cancelled.json["code"] == code
    again = client.post(f"/api/v1/bookings/{code}/cancel", None, bearer(token))
    assert again.status == 200, again
    assert again.json["status"] == "cancelled"
    assert capacity_at(client, second["start"]) == cap_second, "cancelling did not free the time"

    viewed = client.get(f"/api/v1/bookings/{code}", bearer(token))
    assert viewed.status == 200 and viewed.json["status"] == "cancelled", viewed
    refused = client.post(f"/api/v1/bookings/{code}/reschedule", {"start": first["start"]}, bearer(token))
    is_problem(refused, 409, "/problems/not-changeable")


def test_booking_defaults_language_to_german(client):
    slot = free_slot(client, DAYS[2], skip=1)
    resp = client.post("/api/v1/bookings", booking_body(slot["start"]))
    assert resp.status == 201, resp
    assert resp.json["language"] == "de"


def test_retried_booking_with_same_idempotency_key_books_once(client):
    slot = free_slot(client, DAYS[2])
    before = slot["capacity"]
    key = "retry-" + unique_email("idem")
    body = booking_body(slot["start"], note="first attempt")
    first = client.post("/api/v1/bookings", body, {"Idempotency-Key": key})
    assert first.status == 201, first
    replay = client.post("/api/v1/bookings", body, {"Idempotency-Key": key})
    assert replay.status == 201, replay
    assert replay.header("Idempotent-Replayed") == "true"
    assert replay.json["code"] == first.json["code"]
    assert replay.json["manage_token"] == first.json["manage_token"]
    assert capacity_at(client, slot["start"]) == before - 1, "the retry booked a second time"

    changed = dict(body, note="second attempt, other body")
    conflict = client.post("/api/v1/bookings", changed, {"Idempotency-Key": key})
    is_problem(conflict, 422, "/problems/idempotency-conflict")
    assert capacity_at(client, slot["start"]) == before - 1
    view = client.get(f"/api/v1/bookings/{first.json['code']}", bearer(first.json["manage_token"]))
    assert view.status == 200 and view.json["note"] == "first attempt", view


def test_fourth_active_booking_for_one_email_is_refused(client):
    found = slots(client, POOL_SERVICE, DAYS[3], DAYS[3])
    starts = [s["start"] for s in found[::3]][:5]
    assert len(starts) >= 5, found
    email = unique_email("limit")
    made = []
    for i, start in enumerate(starts[:3]):
        # the limit compares e-mail addresses case-insensitively
        address = email.upper() if i == 2 else email
        resp = client.post("/api/v1/bookings", booking_body(start, email=address))
        assert resp.status == 201, resp
        made.append(resp.json)
    fourth = client.post("/api/v1/bookings", booking_body(starts[3], email=email.title()))
    is_problem(fourth, 409, "/problems/booking-limit")

    other = client.post("/api/v1/bookings", booking_body(starts[3], email=unique_email("other")))
    assert other.status == 201, other

    cancel = client.post(f"/api/v1/bookings/{made[0]['code']}/cancel", None, bearer(made[0]["manage_token"]))
    assert cancel.status == 200, cancel
    after_cancel = client.post("/api/v1/bookings", booking_body(starts[4], email=email))
    assert after_cancel.status == 201, "a cancelled booking should not count against the limit"


def test_fourth_active_booking_for_one_phone_is_refused(client):
    found = slots(client, POOL_SERVICE, DAYS[4], DAYS[4])
    starts = [s["start"] for s in found[::4]][:4]
    assert len(starts) >= 4, found
    phone = "+49 6131 4711-99"
    for start in starts[:3]:
        resp = client.post("/api/v1/bookings", booking_body(start, phone=phone))
        assert resp.status == 201, resp
    fourth = client.post("/api/v1/bookings", booking_body(starts[3], phone=phone, email=unique_email()))
    is_problem(fourth, 409, "/problems/booking-limit")


def test_slot_without_capacity_answers_slot_taken(client):
    slot = free_slot(client, DAYS[4], skip=1)
    for _ in range(slot["capacity"]):
        resp = client.post("/api/v1/bookings", booking_body(slot["start"]))
        assert resp.status == 201, resp
    assert capacity_at(client, slot["start"]) == 0
    taken = client.post("/api/v1/bookings", booking_body(slot["start"]))
    is_problem(taken, 409, "/problems/slot-taken")


# --- who may see a booking -----------------------------------------------------------------------

def test_booking_is_hidden_without_its_token(client):
    slot = free_slot(client, DAYS[0], skip=2)
    made = client.post("/api/v1/bookings", booking_body(slot["start"]))
    assert made.status == 201, made
    code, token = made.json["code"], made.json["manage_token"]

    missing = client.get(f"/api/v1/bookings/{code}")
    is_problem(missing, 401)
    assert missing.header("WWW-Authenticate", "").startswith("Bearer")
    malformed = client.get(f"/api/v1/bookings/{code}", {"Authorization": f"Basic {token}"})
    is_problem(malformed, 401)
    assert malformed.header("WWW-Authenticate", "").startswith("Bearer")

    wrong = client.get(f"/api/v1/bookings/{code}", bearer(token[:-2] + ("AA" if token[-2:] != "AA" else "BB")))
    unknown_code = "XXXXXX" if code != "XXXXXX" else "YYYYYY"
    unknown = client.get(f"/api/v1/bookings/{unknown_code}", bearer(token))
    wrong_doc, unknown_doc = is_problem(wrong, 404), is_problem(unknown, 404)
    for key in ("type", "title", "status", "detail"):
        assert wrong_doc[key] == unknown_doc[key], "a wrong token must look like an unknown code"

    for action, body in (("cancel", None), ("reschedule", {"start": slot["start"]})):
        resp = client.post(f"/api/v1/bookings/{code}/{action}", body, bearer("A" * 43))
        is_problem(resp, 404)
    still = client.get(f"/api/v1/bookings/{code}", bearer(token))
    assert still.status == 200 and still.json["status"] == "booked", still


# --- errors a citizen or an app developer sees ---------------------------------------------------

def test_invalid_booking_lists_every_bad_field(client):
    slot = free_slot(client, DAYS[1], skip=1)
    body = {"location": LOCATION, "service": POOL_SERVICE, "start": slot["start"],
            "contact": {"name": "", "email": "not-an-email", "phone": "12"},
            "language": "fr", "note": "x" * 501, "customer_number": "??"}
    resp = client.post("/api/v1/bookings", body)
    doc = is_problem(resp, 422, "/problems/validation")
    fields = {e["field"] for e in doc["errors"]}
    for expected in ("contact.name", "contact.email", "contact.phone", "language", "note",
                     "customer_number"):
        assert expected in fields, f"{expected} missing from {sorted(fields)}"
    assert capacity_at(client, slot["start"]) == slot["capacity"]


def test_booking_needs_email_or_phone(client):
    slot = free_slot(client, DAYS[1], skip=1)
    body = {"location": LOCATION, "service": POOL_SERVICE, "start": slot["start"],
            "contact": {"name": "Max Mustermann"}}
    resp = client.post("/api/v1/bookings", body)
    doc = is_problem(resp, 422, "/problems/validation")
    assert any(e["field"].startswith("contact") for e in doc["errors"]), doc


def test_start_times_that_are_not_offered_are_field_errors(client):
    slot = free_slot(client, DAYS[1], skip=1)
    off_grid = (parse_time(slot["start"]) + dt.timedelta(minutes=7)).isoformat()
    cases = [
        (off_grid, "off_grid"),
        ("2027-03-05T10:00:00+01:00", "outside_window"),  # last Friday
        ("2028-03-07T10:00:00+01:00", "outside_window"),  # beyond the horizon
        ("2027-03-21T10:00:00+01:00", "closed"),  # Sunday
        ("2027-03-26T10:00:00+01:00", "closed"),  # Good Friday
    ]
    if services(client)[POOL_SERVICE]["lead_time_minutes"] > 15:
        cases.append(("2027-03-08T08:15:00+01:00", "outside_window"))  # today, inside the lead time
    for start, code in cases:
        resp = client.post("/api/v1/bookings", booking_body(start))
        doc = is_problem(resp, 422, "/problems/validation")
        assert {"field": "start", "code": code} in [
            {"field": e["field"], "code": e["code"]} for e in doc["errors"]], (start, doc)


def test_service_not_bookable_online_is_refused_but_still_shown(client):
    offline = [s for s in services(client).values() if "online" not in s["channels"]]
    if not offline:
        return  # the demo data lets every concern be booked online
    service = offline[0]
    doc = availability(client, service["id"], DAYS[2], DAYS[2])
    start = doc["days"][0]["slots"][0]["start"] if doc["days"] else "2027-03-17T10:00:00+01:00"
    resp = client.post("/api/v1/bookings", booking_body(start, service=service["id"]))
    has_field_error(resp, "service", "channel_not_allowed")


def test_body_that_is_not_json_is_rejected(client):
    resp = client.request("POST", "/api/v1/bookings", body=b"{\"location\": ",
                          headers={"Content-Type": "application/json"})
    is_problem(resp, 400, "/problems/malformed-body")
    resp = client.request("POST", "/api/v1/bookings", body=b"location=mainz",
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    is_problem(resp, 415)


def test_wrong_types_are_field_errors(client):
    resp = client.post("/api/v1/bookings", {"location": LOCATION, "service": POOL_SERVICE,
                                            "start": 1700000000, "contact": "Erika"})
    doc = is_problem(resp, 422)
    fields = {e["field"] for e in doc["errors"]}
    assert "start" in fields and "contact" in fields, doc


def test_unknown_path_and_wrong_method_are_problems(client):
    is_problem(client.get("/api/v1/nothing-here"), 404)
    resp = client.request("DELETE", "/api/v1/locations")
    is_problem(resp, 405)
    assert "GET" in resp.header("Allow", "")
    resp = client.get("/api/v1/bookings")
    is_problem(resp, 405)
    assert "POST" in resp.header("Allow", "")


# --- operations ----------------------------------------------------------------------------------

def test_health_readiness_and_metrics_are_served(client):
    health = client.get("/healthz")
    assert health.status == 200 and health.json == {"status": "ok"}, health
    ready = client.get("/readyz")
    assert ready.status == 200 and ready.json == {"status": "ready"}, ready
    metrics = client.get("/metrics")
    assert metrics.status == 200, metrics
    assert metrics.content_type.startswith("text/plain")
    text = metrics.body.decode()
    assert re.search(r"^amtstermin_http_requests_total(\{[^}]*\})? \d", text, re.M), text[:2000]
    assert re.search(r"^amtstermin_bookings_total(\{[^}]*\})? \d", text, re.M), text[:2000]
    assert "# TYPE amtstermin_http_requests_total counter" in text
