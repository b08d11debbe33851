# Emergency capacity (issue #5 item 6): the staff time held back for emergencies is never offered
# by GET /api/v1/availability and a booking into it is refused, on the real binary and database.
import datetime as dt
import subprocess

from amt import booking_body, capacity_at, is_problem, parse_time, slots, unique_email

DAY = dt.date(2027, 3, 23)  # a Tuesday, open 08:00-16:00, nothing booked yet
RESERVE = 120  # minutes: the last two hours, 14:00-16:00, held on staff-22 (first in staff order:
               # fewest concerns, then id; takes document drop-offs, works until 16:00 that day)
SERVICE = "submit-documents"
RESERVE_FROM = dt.datetime(2027, 3, 23, 13, 0, tzinfo=dt.timezone.utc)  # 14:00 in Mainz (CET)


def offered(client):
    return {parse_time(s["start"]): s for s in slots(client, SERVICE, frm=DAY, to=DAY)}


def test_held_back_time_is_never_offered_and_cannot_be_booked(make_server):
    plain = make_server(name="plain").prepare().start()
    held = make_server({"AMTSTERMIN_EMERGENCY_MINUTES_PER_DAY": str(RESERVE)}, name="held").prepare().start()

    without, withheld = offered(plain.client), offered(held.client)
    overlapping = [t for t, s in without.items() if parse_time(s["end"]) > RESERVE_FROM]
    assert overlapping, without
    for start, slot in without.items():
        got = withheld.get(start, {"capacity": 0})["capacity"]
        if start in overlapping:
            # One qualified desk fewer wherever the appointment would reach into the reserve.
            assert got == slot["capacity"] - 1, (start, slot, got)
        else:
            assert got == slot["capacity"], (start, slot, got)
    assert set(withheld) <= set(without)

    # Fill the last start of the day as far as it is offered: the next booking is refused on the
    # server holding the reserve, while the plain one still takes it.
    last = max(overlapping)
    start = without[last]["start"]
    for _ in range(withheld[last]["capacity"]):
        made = held.client.post("/api/v1/bookings", booking_body(start, email=unique_email("held"), service=SERVICE))
        assert made.status == 201, made
    assert capacity_at(held.client, start, SERVICE) == 0
    refused = held.client.post("/api/v1/bookings", booking_body(start, email=unique_email("held"), service=SERVICE))
    is_problem(refused, 409, "/problems/slot-taken")
    for _ in range(withheld[last]["capacity"] + 1):
        made = plain.client.post("/api/v1/bookings", booking_body(start, email=unique_email("plain"), service=SERVICE))
        assert made.status == 201, made

    assert plain.stop() == 0 and held.stop() == 0


def test_reserve_outside_a_day_is_refused_before_serving(make_server):
    srv = make_server({"AMTSTERMIN_EMERGENCY_MINUTES_PER_DAY": "-5"}, name="bad")
    result = subprocess.run([srv.binary, "serve"], cwd=srv.workdir, env=srv.env(), capture_output=True, timeout=30)
    assert result.returncode != 0
    assert b"emergency.minutes_per_day" in result.stderr + result.stdout
