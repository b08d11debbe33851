# 200 citizens press "book" at the same moment for 20 free places: exactly 20 get one, the rest are
# told the time is gone, and the database shows no caseworker booked twice at the same time.
import http.client
import json
import threading

from amt import booking_body, capacity_at, unique_email
from booking_race import CLIENTS, PLACES, book_surplus, check_no_staff_double_booked, choose_starts


def race(port, starts_for_clients):
    barrier = threading.Barrier(len(starts_for_clients))
    results = [None] * len(starts_for_clients)

    def run(i, start):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.connect()
            body = json.dumps(booking_body(start, email=unique_email(f"race{i}"))).encode()
            barrier.wait(timeout=60)
            conn.request("POST", "/api/v1/bookings", body=body,
                         headers={"Content-Type": "application/json"})
            resp = conn.getresponse()
            payload = resp.read()
            results[i] = (resp.status, json.loads(payload) if payload else None, start)
        except Exception as exc:  # noqa: BLE001 - reported by the assertions below
            results[i] = ("error", repr(exc), start)
        finally:
            conn.close()

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(starts_for_clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def test_two_hundred_clients_race_for_twenty_places(make_server):
    server = make_server().prepare().start()
    client = server.client
    chosen, total = choose_starts(client)
    book_surplus(client, chosen[-1]["start"], total - PLACES)
    capacities = {s["start"]: capacity_at(client, s["start"]) for s in chosen}
    assert sum(capacities.values()) == PLACES, capacities

    # every start gets ten contenders per place, so each one is fought over
    plan = [start for start, cap in capacities.items() for _ in range(cap * CLIENTS // PLACES)]
    assert len(plan) == CLIENTS
    results = race(server.port, plan)

    statuses = [r[0] for r in results]
    won = [r for r in results if r[0] == 201]
    others = [r for r in results if r[0] != 201]
    assert len(won) == PLACES, f"{len(won)} bookings succeeded: {sorted(map(str, statuses))[:40]}"
    for status, doc, _ in others:
        assert status == 409 and doc["type"] == "/problems/slot-taken", (status, doc)
    for start, cap in capacities.items():
        assert sum(1 for r in won if r[2] == start) == cap, start
        assert capacity_at(client, start) == 0, start
    assert len({r[1]["code"] for r in won}) == PLACES, "booking codes must be unique"

    assert server.stop() == 0
    check_no_staff_double_booked(server, expected=total)


