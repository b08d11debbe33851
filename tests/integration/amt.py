# Shared helpers for the integration tests: run the real amtstermin binary on a fresh SQLite file
# or PostgreSQL database and a free port, talk HTTP to it, and find free times through the public
# availability API.
import atexit
import datetime as dt
import http.client
import itertools
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

CLOCK_NOW = "2027-03-08T07:00:00Z"  # Monday 08:00 in Mainz, a week before the Terminpflicht cut-off
TODAY = dt.date(2027, 3, 8)
LOCATION = "mainz"
POOL_SERVICE = "first-application"  # 45 minutes, any qualified colleague
REPO_ROOT = Path(__file__).resolve().parents[2]

PSQL = "/usr/lib/postgresql/15/bin/psql"
# Servers on one PostgreSQL database must share the key their manage tokens are made with.
PG_SECRET = "integration-test-secret-0123456789abcdef"

# Booking codes avoid characters that are confused when read over the phone.
CODE_ALPHABET = set("ACDEFGHJKMNPQRTUVWXY34679")


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name, value)
        self.body = body
        self.json = None
        if body and "json" in self.header("content-type", ""):
            try:
                self.json = json.loads(body)
            except ValueError:
                self.json = None

    def header(self, name, default=None):
        name = name.lower()
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return default

    @property
    def content_type(self):
        return self.header("content-type", "")

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def __repr__(self):
        return f"<Response {self.status} {self.content_type} {self.body[:300]!r}>"


class Client:
    """One HTTP connection per request, so tests never depend on keep-alive behaviour."""

    def __init__(self, host, port):
        self.host = host
        self.port = port
        self.base_url = f"http://{host}:{port}"

    def request(self, method, path, body=None, headers=None, timeout=30):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return Response(resp.status, resp.getheaders(), resp.read())
        finally:
            conn.close()

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, json_body=None, headers=None):
        all_headers = {"Content-Type": "application/json"}
        all_headers.update(headers or {})
        body = None if json_body is None else json.dumps(json_body).encode()
        return self.request("POST", path, body=body, headers=all_headers)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(read, what, timeout=20, holds=bool, interval=0.2):
    """Calls read() until holds(value), by default until the value is truthy, and returns that value.
    After timeout seconds it fails naming what (a text, or a function giving one) and the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if holds(value):
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what() if callable(what) else what}; "
                                 f"last seen: {value!r}")
        time.sleep(interval)


# --- PostgreSQL ---------------------------------------------------------------------------------

def postgres_admin_url():
    """The test run's PostgreSQL (tests/support/pg_cluster); missing is a failure, never a skip."""
    url = os.environ.get("AMTSTERMIN_TEST_POSTGRES_URL")
    if url:
        return url
    path = Path(os.environ.get("AMTSTERMIN_TEST_POSTGRES_URL_FILE", "pg/url"))
    assert path.is_file(), (f"no test PostgreSQL: {path.resolve()} is missing; run "
                            "tests/support/pg_cluster start <build>/pg (ctest does it)")
    return path.read_text().strip()


def psql(url, sql):
    """Rows of one statement, as tuples of text (all-digit values become int: compare text columns such as
    booking codes with str()), through the real psql."""
    result = subprocess.run([PSQL, "-X", "-v", "ON_ERROR_STOP=1", "-A", "-t", "-F", "\x1f", "-d", url,
                             "-c", sql], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"psql {sql!r}: {result.stderr}"
    rows = []
    for line in result.stdout.splitlines():
        rows.append(tuple(int(v) if v.lstrip("-").isdigit() else v for v in line.split("\x1f")))
    return rows


def postgres_database_url(name):
    base, sep, params = postgres_admin_url().partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + sep + params


def postgres_database_name(url):
    return url.partition("?")[0].rsplit("/", 1)[1]


# Databases create_postgres_database made that nobody has used yet: AmtServer.prepare may replace
# them by a copy of a prepared template.
_untouched_postgres = set()


def create_postgres_database():
    """A fresh, empty database on the test cluster; returns its URL."""
    name = f"amt_it_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    psql(postgres_admin_url(), f"CREATE DATABASE {name}")
    url = postgres_database_url(name)
    _untouched_postgres.add(url)
    return url


def fresh_database(backend):
    """None for SQLite (the server makes its own file), else a new PostgreSQL database's URL."""
    return create_postgres_database() if backend == "postgres" else None


class PgConnection:
    """Enough of sqlite3's connection API (execute, fetchone, fetchall, with) for the checks."""

    def __init__(self, url):
        self.url = url

    def execute(self, sql):
        return PgCursor(psql(self.url, sql))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class PgCursor:
    def __init__(self, rows):
        self.rows = rows

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def fetchall(self):
        return list(self.rows)


class AmtServer:
    """The binary on its own database in workdir (a SQLite file, or the PostgreSQL database at
    database_url); start/stop/kill like an operator would."""

    def __init__(self, binary, workdir, extra_env=None, database_url=None):
        self.binary = str(binary)
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.db_path = self.workdir / "amtstermin.sqlite"
        self.database_url = database_url or f"sqlite:{self.db_path}"
        self.backend = "sqlite" if self.database_url.startswith("sqlite:") else "postgres"
        self.extra_env = dict(extra_env or {})
        self.proc = None
        self.port = None
        self.client = None
        self.runs = 0

    def env(self):
        env = dict(os.environ)
        env.update({
            "AMTSTERMIN_DATABASE_URL": self.database_url,
            "AMTSTERMIN_ALTCHA_ENABLED": "false",
            # Tests book many times from one address; test_anti_bot.py switches the limits on.
            "AMTSTERMIN_RATE_LIMIT_BOOKING_PER_IP": "0",
            "AMTSTERMIN_RATE_LIMIT_BOOKING_PER_CONTACT": "0",
            "AMTSTERMIN_CLOCK_NOW": CLOCK_NOW,
        })
        if self.backend == "postgres":
            env["AMTSTERMIN_SECURITY_SECRET"] = PG_SECRET
            env["AMTSTERMIN_UPLOAD_DIR"] = str(self.workdir / "uploads")  # the SQLite default's place
        env.update(self.extra_env)
        if self.port:
            env["AMTSTERMIN_HTTP_LISTEN"] = f"127.0.0.1:{self.port}"
        return env

    def cli(self, *args, timeout=60):
        result = subprocess.run([self.binary, *args], cwd=self.workdir, env=self.env(),
                                capture_output=True, timeout=timeout)
        assert result.returncode == 0, (
            f"amtstermin {' '.join(args)} exited {result.returncode}\n"
            f"stdout: {result.stdout.decode(errors='replace')[-2000:]}\n"
            f"stderr: {result.stderr.decode(errors='replace')[-2000:]}")
        return result

    def prepare(self):
        """Migrated and seeded with the demo office. A fresh database becomes a copy of a template
        prepared once per configuration (the same `migrate` and `seed-demo`), which saves two
        process starts per server; a database already in use is migrated and seeded in place."""
        if self.backend == "sqlite" and self.database_url == f"sqlite:{self.db_path}" \
                and not self.db_path.exists():
            _copy_sqlite(_template_for(self), self.db_path)
        elif self.database_url in _untouched_postgres:
            _untouched_postgres.discard(self.database_url)
            name = postgres_database_name(self.database_url)
            admin = postgres_admin_url()
            template = _template_for(self)
            psql(admin, f"DROP DATABASE {name}")
            psql(admin, f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
        else:
            self._migrate_and_seed()
        return self

    def _migrate_and_seed(self):
        self.cli("migrate")
        self.cli("seed-demo")

    def log_tail(self, limit=3000):
        path = self.workdir / f"serve-{self.runs}.log"
        if not path.exists():
            return ""
        return path.read_bytes()[-limit:].decode(errors="replace")

    def start(self, timeout=20):
        for _attempt in range(3):  # the free port may be taken between probing and binding
            self.port = free_port()
            self.runs += 1
            log = open(self.workdir / f"serve-{self.runs}.log", "wb")
            self.proc = subprocess.Popen([self.binary, "serve"], cwd=self.workdir, env=self.env(),
                                         stdout=log, stderr=subprocess.STDOUT)
            log.close()
            self.client = Client("127.0.0.1", self.port)
            if self._wait_healthy(timeout):
                return self
            if self.proc.poll() is None:
                break
        self.kill()
        raise AssertionError(f"server did not become healthy within {timeout}s:\n{self.log_tail()}")

    def _wait_healthy(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                if self.client.request("GET", "/healthz", timeout=2).status == 200:
                    return True
            except OSError:
                pass
            time.sleep(0.05)
        return False

    def stop(self, timeout=15):
        """SIGTERM and a clean exit (code 0) within timeout, as a service manager expects."""
        if self.proc is None or self.proc.poll() is not None:
            code = None if self.proc is None else self.proc.returncode
            self.proc = None
            return code
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            self.proc = None
            raise AssertionError(f"server did not exit within {timeout}s after SIGTERM:\n{self.log_tail()}")
        self.proc = None
        return code

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        self.proc = None

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def connect_db(self):
        """The database, read-only for SQLite, for checks behind the API's back."""
        if self.backend == "postgres":
            return PgConnection(self.database_url)
        return sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)


# --- prepared templates --------------------------------------------------------------------------

# What a prepared database depends on: the binary and its configuration, but not the server's own
# address, database or upload directory.
_NOT_IN_TEMPLATE_KEY = {"AMTSTERMIN_HTTP_LISTEN", "AMTSTERMIN_DATABASE_URL", "AMTSTERMIN_UPLOAD_DIR"}
_templates = {}
_template_lock = threading.Lock()
_template_root = None


def _template_for(server):
    """A SQLite file path or a PostgreSQL database name, migrated and seeded like `server` would be."""
    global _template_root
    key = (server.binary, server.backend,
           tuple(sorted((k, v) for k, v in server.env().items()
                        if k.startswith("AMTSTERMIN_") and k not in _NOT_IN_TEMPLATE_KEY)))
    with _template_lock:
        if key in _templates:
            return _templates[key]
        if _template_root is None:
            _template_root = Path(tempfile.mkdtemp(prefix="amt-templates-"))
            atexit.register(shutil.rmtree, _template_root, True)
        workdir = _template_root / f"{server.backend}-{len(_templates)}"
        if server.backend == "sqlite":
            maker = AmtServer(server.binary, workdir, server.extra_env)
            maker._migrate_and_seed()
            _templates[key] = maker.db_path
        else:
            name = f"amt_tpl_{os.getpid()}_{len(_templates)}"
            psql(postgres_admin_url(), f"CREATE DATABASE {name}")
            maker = AmtServer(server.binary, workdir, server.extra_env, postgres_database_url(name))
            maker._migrate_and_seed()
            _templates[key] = name
        return _templates[key]


def _copy_sqlite(template, target):
    """The file and, should the last writer have left one, its write-ahead log."""
    for suffix in ("", "-wal"):
        source = Path(f"{template}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{target}{suffix}")


# --- request bodies -----------------------------------------------------------------------------

_counter = itertools.count(1)
_counter_lock = threading.Lock()


def unique_email(prefix="citizen"):
    with _counter_lock:
        n = next(_counter)
    return f"{prefix}.{n}.{uuid.uuid4().hex[:8]}@example.org"


def booking_body(start, email=None, service=POOL_SERVICE, phone=None, **extra):
    contact = {"name": "Erika Mustermann"}
    if email is not None:
        contact["email"] = email
    if phone is not None:
        contact["phone"] = phone
    if email is None and phone is None:
        contact["email"] = unique_email()
    body = {"location": LOCATION, "service": service, "start": start, "contact": contact}
    body.update(extra)
    return body


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


# --- time and availability ----------------------------------------------------------------------

def parse_time(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def same_instant(a, b):
    return parse_time(a) == parse_time(b)


def weekdays_from(first, count):
    """The next `count` Monday-to-Friday dates from `first` on (holidays not skipped)."""
    days, day = [], first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def availability(client, service=POOL_SERVICE, frm=None, to=None, **params):
    query = {"location": LOCATION, "service": service}
    if frm is not None:
        query["from"] = str(frm)
    if to is not None:
        query["to"] = str(to)
    query.update(params)
    path = "/api/v1/availability?" + "&".join(f"{k}={v}" for k, v in query.items())
    resp = client.get(path)
    assert resp.status == 200, resp
    return resp.json


def slots(client, service=POOL_SERVICE, frm=None, to=None):
    """Free start times as dicts {date, start, end, capacity}, in order."""
    doc = availability(client, service, frm, to if to is not None else frm)
    return [dict(slot, date=day["date"]) for day in doc["days"] for slot in day["slots"]]


def capacity_at(client, start, service=POOL_SERVICE):
    """How many more bookings the start time takes; 0 when availability no longer offers it."""
    day = parse_time(start).date()
    for slot in slots(client, service, day, day):
        if same_instant(slot["start"], start):
            return slot["capacity"]
    return 0


def free_slot(client, day, service=POOL_SERVICE, skip=0):
    found = slots(client, service, day, day)
    assert len(found) > skip, f"no free {service} slot on {day}: {found}"
    return found[skip]


def non_overlapping(found):
    """A subset of slots whose [start, end) do not overlap, earliest first."""
    chosen, last_end = [], None
    for slot in sorted(found, key=lambda s: parse_time(s["start"])):
        if last_end is None or parse_time(slot["start"]) >= last_end:
            chosen.append(slot)
            last_end = parse_time(slot["end"])
    return chosen


def is_problem(resp, status, type_=None):
    """An RFC 9457 answer with the given status (and problem type, when given)."""
    assert resp.status == status, resp
    assert resp.content_type.startswith("application/problem+json"), resp
    doc = resp.json
    assert isinstance(doc, dict), resp
    for key in ("type", "title", "status", "detail"):
        assert key in doc, f"problem without {key!r}: {doc}"
    assert doc["status"] == status, doc
    if type_ is not None:
        assert doc["type"] == type_, doc
    return doc


def field_errors(resp):
    doc = is_problem(resp, 422)
    errors = doc.get("errors")
    assert isinstance(errors, list) and errors, f"422 without field errors: {doc}"
    for err in errors:
        assert {"field", "code", "message"} <= set(err), err
    return errors


def has_field_error(resp, field, code=None):
    errors = field_errors(resp)
    for err in errors:
        if err["field"] == field and (code is None or err["code"] == code):
            return True
    raise AssertionError(f"no error for field {field!r} (code {code!r}) in {errors}")


# --- raw sockets for requests http.client will not send -------------------------------------

def raw_request(port, data, timeout=10, half_close=False):
    """Sends bytes as they are and returns (status or None, headers dict, body bytes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
            if half_close:
                s.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return read_response(s)


def read_response(sock):
    buf = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            buf += chunk
            status, headers, body, complete = parse_response(buf)
            if complete:
                break
    except (ConnectionResetError, socket.timeout):
        pass
    status, headers, body, _ = parse_response(buf)
    return status, headers, body


def parse_response(buf):
    head, sep, body = buf.partition(b"\r\n\r\n")
    if not sep:
        return None, {}, b"", False
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = headers.get("content-length")
    complete = length is not None and len(body) >= int(length)
    return status, headers, body, complete
