# Two amtstermin servers on one PostgreSQL database, as behind a load balancer: they never book one
# place twice between them, and when one dies (kill -9) under load, the other keeps serving and
# every booking either of them confirmed is in the database.
import http.client
import json
import threading
import time

import pytest

from amt import booking_body, bearer, capacity_at, create_postgres_database, unique_email
from test_crash import bookable_times
from test_race import CLIENTS, PLACES, book_surplus, check_no_staff_double_booked, choose_starts


@pytest.fixture(scope="module")
def backend():
    """Only PostgreSQL lets two servers share one database."""
    return "postgres"


@pytest.fixture
def two_servers(make_server):
    database = create_postgres_database()
    a = make_server(name="a", database_url=database).prepare().start()
    b = make_server(name="b", database_url=database).start()
    return a, b


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


def race(ports, starts):
    """Client i sends its booking to ports[i % len(ports)], all at the same moment."""
    barrier = threading.Barrier(len(starts))
    results = [None] * len(starts)

    def run(i, start):
        body = booking_body(start, email=unique_email(f"two{i}"))
        try:
            barrier.wait(timeout=60)
            status, doc = post_booking(ports[i % len(ports)], body)
            results[i] = (status, doc, start)
        except Exception as exc:  # noqa: BLE001 - reported by the assertions below
            results[i] = ("error", repr(exc), start)

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(starts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def test_two_servers_racing_for_twenty_places_book_each_place_once(two_servers):
    a, b = two_servers
    chosen, total = choose_starts(a.client)
    book_surplus(a.client, chosen[-1]["start"], total - PLACES)
    capacities = {s["start"]: capacity_at(a.client, s["start"]) for s in chosen}
    assert sum(capacities.values()) == PLACES, capacities
    assert {s: capacity_at(b.client, s) for s in capacities} == capacities, "server B sees other free places"

    plan = [start for start, cap in capacities.items() for _ in range(cap * CLIENTS // PLACES)]
    results = race([a.port, b.port], plan)

    won = [r for r in results if r[0] == 201]
    assert len(won) == PLACES, f"{len(won)} bookings succeeded: {sorted(str(r[0]) for r in results)[:40]}"
    for status, doc, _ in results:
        assert status in (201, 409), (status, doc)
        if status == 409:
            assert doc["type"] == "/problems/slot-taken", doc
    served_by = {i % 2 for i, r in enumerate(results) if r[0] == 201}
    assert served_by == {0, 1}, "both servers should have won some places"
    for start, cap in capacities.items():
        assert sum(1 for r in won if r[2] == start) == cap, start
        assert capacity_at(a.client, start) == 0 and capacity_at(b.client, start) == 0, start
    assert len({r[1]["code"] for r in won}) == PLACES, "booking codes must be unique"
    check_no_staff_double_booked(a, expected=total)


LOAD_SECONDS = 3.0
KILL_AFTER = 1.2


def load_both(ports, pairs, deadline, killed, acknowledged, failures, lock, seed):
    """Books until deadline on one server, falling over to the other once its own is gone."""
    own = ports[seed % 2]
    n = seed
    while time.monotonic() < deadline:
        n += 7
        service, start = pairs[n % len(pairs)]
        port = ports[1] if killed.is_set() else own
        sent_at = time.monotonic()
        try:
            status, doc = post_booking(port, booking_body(start, service=service, email=unique_email("kill")), 10)
        except (OSError, http.client.HTTPException) as exc:
            if port == ports[1]:
                with lock:
                    failures.append(("survivor unreachable", repr(exc)))
            continue
        with lock:
            if status == 201:
                acknowledged.append((port, sent_at, doc))
            elif status != 409:
                failures.append((port, status, doc))


def test_killing_one_of_two_servers_leaves_the_other_serving_and_loses_no_booking(two_servers):
    a, b = two_servers
    pairs = bookable_times(a.client)
    acknowledged, failures, lock, killed = [], [], threading.Lock(), threading.Event()
    deadline = time.monotonic() + LOAD_SECONDS
    threads = [threading.Thread(target=load_both,
                                args=([a.port, b.port], pairs, deadline, killed, acknowledged, failures, lock, i))
               for i in range(16)]
    for t in threads:
        t.start()
    time.sleep(KILL_AFTER)
    a.kill()
    killed_at = time.monotonic()
    killed.set()
    for t in threads:
        t.join(60)

    assert not failures, failures[:5]
    assert b.alive(), b.log_tail()
    from_a = [d for port, _, d in acknowledged if port == a.port]
    after_kill = [d for port, sent, d in acknowledged if port == b.port and sent > killed_at]
    assert len(from_a) >= 5, f"only {len(from_a)} bookings on server A before the kill: load too light"
    assert len(after_kill) >= 5, f"server B confirmed only {len(after_kill)} bookings after A died"

    with b.connect_db() as db:
        stored = {row[0] for row in db.execute("SELECT code FROM appointments WHERE status = 'booked'").fetchall()}
    lost = [d["code"] for _, _, d in acknowledged if d["code"] not in stored]
    assert not lost, f"{len(lost)} of {len(acknowledged)} confirmed bookings are not in the database"
    for _, _, doc in acknowledged[:: max(1, len(acknowledged) // 20)]:
        resp = b.client.get(f"/api/v1/bookings/{doc['code']}", bearer(doc["manage_token"]))
        assert resp.status == 200 and resp.json["status"] == "booked", (doc["code"], resp)
    assert b.stop() == 0
