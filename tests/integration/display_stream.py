"""A raw-socket client for server-sent events (text/event-stream), as a display's browser reads
them: the status and headers, then events and comment lines one by one."""
import json
import socket
import subprocess
import time
from datetime import datetime, timedelta

from amt import CLOCK_NOW

_STARTED = time.monotonic()


class EventStream:
    def __init__(self, port, path, last_event_id=None, timeout=10, headers=None):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Accept: text/event-stream"]
        if last_event_id:
            lines.append(f"Last-Event-ID: {last_event_id}")
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self.buf = b""
        self.comments = []
        self.raw = b""  # every byte of the body, for checks over the whole stream
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("closed before the response head")
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        self.raw = self.buf
        status_line, *header_lines = head.decode().split("\r\n")
        self.status = int(status_line.split()[1])
        self.headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            self.headers[name.strip().lower()] = value.strip()

    def _fill(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no event in time")
        self.sock.settimeout(remaining)
        chunk = self.sock.recv(4096)
        if not chunk:
            raise EOFError("the server closed the stream")
        self.buf += chunk
        self.raw += chunk

    def next_event(self, timeout=5):
        """The next event with data (dict with event, id, data parsed as JSON); comments and
        retry-only blocks are collected on the way."""
        deadline = time.monotonic() + timeout
        while True:
            while b"\n\n" not in self.buf:
                self._fill(deadline)
            block, self.buf = self.buf.split(b"\n\n", 1)
            event = {"event": "message", "id": None, "data": []}
            for line in block.decode().split("\n"):
                if line.startswith(":"):
                    self.comments.append(line)
                    continue
                name, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if name == "data":
                    event["data"].append(value)
                elif name in ("event", "id"):
                    event[name] = value
            if event["data"]:
                event["data"] = json.loads("\n".join(event["data"]))
                return event

    def wait_for_comment(self, timeout):
        deadline = time.monotonic() + timeout
        while not self.comments:
            while b"\n\n" not in self.buf:
                self._fill(deadline)
            block, self.buf = self.buf.split(b"\n\n", 1)
            for line in block.decode().split("\n"):
                if line.startswith(":"):
                    self.comments.append(line)
        return self.comments[0]

    def wait_closed(self, timeout):
        """True when the server ends the stream (FIN) within timeout."""
        deadline = time.monotonic() + timeout
        try:
            while True:
                self._fill(deadline)
        except EOFError:
            return True
        except (TimeoutError, socket.timeout):
            return False

    def close(self):
        self.sock.close()


def running_clock():
    """The tests' fixed "now", running forward: every command-line process would otherwise start
    its own clock at the same instant, and all calls would happen in one second."""
    start = datetime.fromisoformat(CLOCK_NOW.replace("Z", "+00:00"))
    now = start + timedelta(seconds=time.monotonic() - _STARTED)
    return now.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def ticket(server, *args):
    """Runs `amtstermin ticket ...` and returns the printed ticket."""
    env = server.env()
    env["AMTSTERMIN_CLOCK_NOW"] = running_clock()
    result = subprocess.run([server.binary, "ticket", *args], cwd=server.workdir, env=env,
                            capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    # Earlier lines are the log (the fixed-clock warning); the ticket is the last one.
    return json.loads(result.stdout.decode().strip().splitlines()[-1])


def emergency(server):
    return ticket(server, "emergency", "--location", "mainz")


def call_next(server, staff="staff-35"):
    return ticket(server, "call-next", "--location", "mainz", "--staff", staff, "--reception", "--finish-current")
