# The server is killed (SIGKILL, like a power cut to the process) in the middle of booking load:
# every booking a citizen was told about survives the restart, and the database is intact (SQLite:
# PRAGMA integrity_check; PostgreSQL: the server's own crash safety, checked by reading every row).
import http.client
import json
import random
import threading
import time

from amt import bearer, booking_body, unique_email
from booking_client import bookable_times

THREADS = 16
LOAD_SECONDS = 3.0
KILL_AFTER = 1.5


def load(port, pairs, deadline, acknowledged, lock):
    rng = random.Random()
    while time.monotonic() < deadline:
        service, start = rng.choice(pairs)
        body = json.dumps(booking_body(start, service=service, email=unique_email("crash")))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request("POST", "/api/v1/bookings", body=body,
                         headers={"Content-Type": "application/json"})
            resp = conn.getresponse()
            payload = resp.read()
        except (OSError, http.client.HTTPException):
            time.sleep(0.05)  # the server is gone; keep trying until the load window ends
            continue
        finally:
            conn.close()
        if resp.status == 201:
            doc = json.loads(payload)
            with lock:
                acknowledged.append(doc)
        else:
            assert resp.status == 409, (resp.status, payload[:300])


def test_acknowledged_bookings_survive_a_kill_during_load(make_server):
    server = make_server().prepare().start()
    pairs = bookable_times(server.client)
    acknowledged, lock = [], threading.Lock()
    errors = []

    def worker():
        try:
            load(server.port, pairs, time.monotonic() + LOAD_SECONDS, acknowledged, lock)
        except AssertionError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    time.sleep(KILL_AFTER)
    with lock:
        before_kill = len(acknowledged)
    server.kill()
    for t in threads:
        t.join(60)
    assert not errors, errors[:3]
    assert before_kill >= 10, f"only {before_kill} bookings before the kill: load too light"

    server.start()
    missing = []
    for doc in acknowledged:
        resp = server.client.get(f"/api/v1/bookings/{doc['code']}", bearer(doc["manage_token"]))
        if resp.status != 200 or resp.json["start"] != doc["start"] or resp.json["status"] != "booked":
            missing.append((doc["code"], resp.status))
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged bookings lost: {missing[:10]}"

    assert server.stop() == 0
    with server.connect_db() as db:
        if server.backend == "sqlite":
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = db.execute("SELECT count(*) FROM appointments").fetchone()[0]
        stored = {str(row[0]) for row in db.execute("SELECT code FROM appointments WHERE status = 'booked'").fetchall()}
    assert count >= len(acknowledged)
    assert {doc["code"] for doc in acknowledged} <= stored, "an acknowledged booking is not in the database"
