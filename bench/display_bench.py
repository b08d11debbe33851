#!/usr/bin/env python3
"""Call display benchmarks (issue #5), printed for docs/benchmarks.md:
1. from "call" to the event on 20 connected displays (median; target <= 200 ms). The call is made
   with `amtstermin ticket call-next` (its own process, through app::Tickets like the staff pages):
   "from the commit" starts the clock when the command prints its answer (right after the commit,
   flushed), "from launching" when it was started (includes process start, connecting, catalog load).
2. booking latency (sequential POST /api/v1/bookings) and the server's CPU time per booking, with
   1,000 idle display connections held open and with one ("without"), in alternating rounds
   (target: no effect).
Usage: display_bench.py <amtstermin> [database-url]   (default: a fresh SQLite file)"""
import http.client
import json
import os
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta

CLOCK_NOW = datetime.fromisoformat("2027-03-08T07:00:00+00:00")
CALLS = int(os.environ.get("DISPLAY_CALLS", "30"))
DISPLAYS = int(os.environ.get("DISPLAYS", "20"))
IDLE = int(os.environ.get("IDLE_DISPLAYS", "1000"))
# Displays open on the "without" side: with one, the call feed reads the location after each write
# on both sides (it does so while anyone watches), so the comparison isolates the other 999.
BASELINE = int(os.environ.get("BASELINE_DISPLAYS", "1"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
BOOKINGS = int(os.environ.get("BOOKINGS_PER_ROUND", "150"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, url, work):
        self.binary, self.work, started = binary, work, time.monotonic()
        self.started = started
        self.port = free_port()
        self.env = dict(os.environ, AMTSTERMIN_DATABASE_URL=url, AMTSTERMIN_HTTP_LISTEN=f"127.0.0.1:{self.port}",
                        AMTSTERMIN_CLOCK_NOW="2027-03-08T07:00:00Z", AMTSTERMIN_ALTCHA_ENABLED="false",
                        AMTSTERMIN_HTTP_ACCESS_LOG="false", AMTSTERMIN_LOG_LEVEL="warn",
                        AMTSTERMIN_RATE_LIMIT_BOOKING_PER_IP="0", AMTSTERMIN_RATE_LIMIT_BOOKING_PER_CONTACT="0",
                        AMTSTERMIN_BOOKING_MAX_ACTIVE_PER_CONTACT="1000",
                        AMTSTERMIN_SECURITY_SECRET="bench-secret-bench-secret-bench-secret",
                        AMTSTERMIN_UPLOAD_DIR=os.path.join(work, "uploads"))
        for cmd in ("migrate", "seed-demo"):
            subprocess.run([binary, cmd], env=self.env, check=True, capture_output=True)
        self.proc = subprocess.Popen([binary, "serve"], env=self.env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                if self.get("/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.05)

    def request(self, method, path, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=json.dumps(body) if body else None,
                         headers={"Content-Type": "application/json"} if body else {})
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def get(self, path):
        return self.request("GET", path)

    def ticket(self, *args):
        """Runs `amtstermin ticket ...`; returns the ticket and when its line arrived (the command
        prints it right after the commit and flushes, before it exits)."""
        now = CLOCK_NOW + timedelta(seconds=time.monotonic() - self.started)
        env = dict(self.env, AMTSTERMIN_CLOCK_NOW=now.replace(microsecond=0).isoformat())
        proc = subprocess.Popen([self.binary, "ticket", *args], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
        for line in proc.stdout:
            if line.startswith(b"{"):
                printed = time.monotonic()
                ticket = json.loads(line)
        proc.wait()
        if proc.returncode != 0:
            raise RuntimeError(f"ticket {args} exited {proc.returncode}")
        return ticket, printed

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def open_stream(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /display/mainz/events HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n")
    data = b""
    while b"event: state" not in data:
        chunk = s.recv(65536)
        if not chunk:
            raise ConnectionError("stream refused: " + data[:200].decode(errors="replace"))
        data += chunk
    s.setblocking(False)
    return s


def call_latency(server):
    streams = [open_stream(server.port) for _ in range(DISPLAYS)]
    sel = selectors.DefaultSelector()
    for s in streams:
        sel.register(s, selectors.EVENT_READ)
    from_commit, from_start = [], []
    for _ in range(CALLS):
        server.ticket("emergency", "--location", "mainz")
        launched = time.monotonic()
        called, committed = server.ticket("call-next", "--location", "mainz", "--staff", "staff-35", "--reception", "--finish-current")
        needle = f'"call":{{"id":"'.encode()
        pending = {s.fileno(): b"" for s in streams}
        waiting = set(pending)
        deadline = committed + 5
        while waiting and time.monotonic() < deadline:
            for key, _ in sel.select(timeout=0.5):
                fd = key.fd
                pending[fd] += key.fileobj.recv(65536)
                if fd in waiting and needle in pending[fd] and called["number"].encode() in pending[fd]:
                    now = time.monotonic()
                    waiting.discard(fd)
                    from_commit.append((now - committed) * 1000)
                    from_start.append((now - launched) * 1000)
        if waiting:
            print(f"  call {called['number']}: {len(waiting)} displays got nothing within 5 s")
    for s in streams:
        s.close()
    return from_commit, from_start


def free_starts(server):
    starts = []
    day = datetime(2027, 3, 9)
    while len(starts) < ROUNDS * 2 * BOOKINGS + 50:
        frm, to = day.date().isoformat(), (day + timedelta(days=13)).date().isoformat()
        status, body = server.get(f"/api/v1/availability?location=mainz&service=submit-documents&from={frm}&to={to}")
        for d in json.loads(body)["days"]:
            for slot in d["slots"]:
                starts += [slot["start"]] * slot["capacity"]
        day += timedelta(days=14)
    return starts


def server_cpu_seconds(server):
    """User + system CPU time the server process has used so far (/proc/<pid>/stat)."""
    with open(f"/proc/{server.proc.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def booking_round(server, starts, tag):
    """Median latency of BOOKINGS sequential bookings, and the server's CPU time per booking: one
    client's latency is mostly the wait for the disk's sync, which swings between rounds; the CPU
    time shows what the idle displays cost the server."""
    latencies, status_counts = [], {}
    cpu_before = server_cpu_seconds(server)
    for i in range(BOOKINGS):
        body = {"location": "mainz", "service": "submit-documents", "start": starts.pop(0),
                "contact": {"name": "Bench", "email": f"bench-{tag}-{i}@example.org"}}
        t0 = time.monotonic()
        status, _ = server.request("POST", "/api/v1/bookings", body)
        latencies.append((time.monotonic() - t0) * 1000)
        status_counts[status] = status_counts.get(status, 0) + 1
    cpu_ms = (server_cpu_seconds(server) - cpu_before) * 1000 / BOOKINGS
    return statistics.median(latencies), cpu_ms, status_counts


def idle_effect(server):
    """Booking latency creeps up as the database fills (each round books 2 x BOOKINGS), so the
    side that goes second would look slower: the order alternates from round to round, and each
    round's ratio compares the two sides measured next to each other."""
    starts = free_starts(server)
    results = {"without": [], "with": []}
    cpu = {"without": [], "with": []}
    for r in range(ROUNDS):
        for side in (("without", "with") if r % 2 == 0 else ("with", "without")):
            held = [open_stream(server.port) for _ in range(IDLE if side == "with" else BASELINE)]
            median, cpu_ms, counts = booking_round(server, starts, f"{r}-{side}")
            open_now = len(held)
            for s in held:
                s.close()
            results[side].append(median)
            cpu[side].append(cpu_ms)
            print(f"round {r + 1}: {side:7} {open_now:4} idle displays: booking median {median:.2f} ms,"
                  f" server CPU {cpu_ms:.2f} ms per booking {counts}")
            time.sleep(0.5)
    return results, cpu


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="amt-display-bench-")
    url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:{work}/bench.db"
    server = Server(binary, url, work)
    try:
        print(f"database: {url.split(':')[0]}, {DISPLAYS} displays, {CALLS} calls")
        from_commit, from_start = call_latency(server)
        print(f"call -> event on {DISPLAYS} displays: median {statistics.median(from_commit):.1f} ms from the commit"
              f" (p90 {statistics.quantiles(from_commit, n=10)[-1]:.1f}), {statistics.median(from_start):.1f} ms from"
              f" launching the command; {len(from_commit)} deliveries (target: median <= 200 ms)")
        results, cpu = idle_effect(server)
        for label, values, unit in (("booking median", results, "ms"), ("server CPU per booking", cpu, "ms")):
            w, wo = statistics.median(values["with"]), statistics.median(values["without"])
            ratios = [a / b for a, b in zip(values["with"], values["without"])]
            print(f"{label}: with {BASELINE} idle display(s) {wo:.2f} {unit}, with {IDLE} {w:.2f} {unit};"
                  f" per-round ratios {', '.join(f'{x:.2f}' for x in ratios)}, median {statistics.median(ratios):.2f}"
                  f" (target: no effect)")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
