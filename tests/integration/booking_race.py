# The set-up and the check of the booking races (one server, or two on one database): starts with
# exactly PLACES free places, and that no caseworker holds two appointments at once afterwards.
import datetime as dt

from amt import POOL_SERVICE, booking_body, non_overlapping, parse_time, slots, weekdays_from

CLIENTS = 200
PLACES = 20


def choose_starts(client):
    """Non-overlapping first-application starts whose capacities add up to at least PLACES."""
    chosen, total = [], 0
    for day in weekdays_from(dt.date(2027, 3, 16), 5):
        for slot in non_overlapping(slots(client, POOL_SERVICE, day, day)):
            chosen.append(slot)
            total += slot["capacity"]
            if total >= PLACES:
                return chosen, total
    raise AssertionError(f"only {total} places found in a week of {POOL_SERVICE}")


def book_surplus(client, start, count):
    """Books places away sequentially so that exactly PLACES remain for the race."""
    for _ in range(count):
        resp = client.post("/api/v1/bookings", booking_body(start))
        assert resp.status == 201, resp


def as_utc_seconds(value):
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value)
    if text.lstrip("-").isdigit():
        return float(text)
    return parse_time(text.replace(" ", "T")).timestamp()


def holds_time(status):
    return status not in ("cancelled", "no_show", 5, 6)


def check_no_staff_double_booked(server, expected):
    with server.connect_db() as db:
        rows = db.execute("SELECT staff_id, start_utc, end_utc, status FROM appointments").fetchall()
    active = [r for r in rows if holds_time(r[3])]
    assert len(active) == expected, f"{len(active)} appointments hold time, expected {expected}"
    by_staff = {}
    for staff_id, start, end, _ in active:
        assert staff_id, "an active appointment without a caseworker"
        by_staff.setdefault(staff_id, []).append((as_utc_seconds(start), as_utc_seconds(end)))
    for staff_id, spans in by_staff.items():
        spans.sort()
        for (_, prev_end), (next_start, _) in zip(spans, spans[1:]):
            assert next_start >= prev_end, f"{staff_id} is booked twice at once: {spans}"
