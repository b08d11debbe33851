# The waitlist with two amtstermin servers on one PostgreSQL database (issue #8 item 3): cancellations
# on both servers at once hand each freed time to exactly one entry, in join order, never one time
# to two entries nor two times to one entry; two taps on "accept" through both servers book once.
import pytest

from amt import bearer, capacity_at, create_postgres_database, free_slot
from booking_client import cancel, fill_time
from concurrent_calls import at_once
from waitlist_client import DAY, entry, join


@pytest.fixture(scope="module")
def backend():
    """Only PostgreSQL lets two servers share one database."""
    return "postgres"


def test_concurrent_cancellations_on_two_servers_offer_each_time_once_in_join_order(make_server):
    database = create_postgres_database()
    a = make_server(name="a", database_url=database).prepare().start()
    b = make_server(name="b", database_url=database).start()
    start = free_slot(a.client, DAY, skip=8)["start"]
    bookings = fill_time(a.client, start)
    assert len(bookings) >= 3
    entries = [join(a.client, start, name, f"+4915180000{n:02d}") for n, name in enumerate(["An", "Bo", "Cy", "Di"])]

    at_once(lambda: cancel(a.client, bookings[0]), lambda: cancel(b.client, bookings[1]),
            lambda: cancel(b.client, bookings[2]))

    states = [entry(b.client, e) for e in entries]
    assert [s["status"] for s in states] == ["offered", "offered", "offered", "waiting"]
    with a.connect_db() as db:
        held = db.execute("SELECT id FROM appointments WHERE status = 'held'").fetchall()
        offered = db.execute("SELECT appointment_id FROM waitlist_entries WHERE status = 'offered'").fetchall()
    assert len(held) == 3 and sorted(r[0] for r in offered) == sorted(r[0] for r in held)
    assert capacity_at(a.client, start) == 0 and capacity_at(b.client, start) == 0

    first = entries[0]
    answers = at_once(lambda: a.client.post(f"/api/v1/waitlist/{first['id']}/accept", None, bearer(first["token"])),
                      lambda: b.client.post(f"/api/v1/waitlist/{first['id']}/accept", None, bearer(first["token"])))
    assert sorted(r.status for r in answers) == [201, 409], answers
    with b.connect_db() as db:
        booked = db.execute("SELECT COUNT(*) FROM appointments WHERE status = 'booked' AND contact_phone = '+491518000000'")
        assert booked.fetchone()[0] == 1
