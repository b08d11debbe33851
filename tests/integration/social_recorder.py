# A recording social endpoint on loopback for the news tests: it speaks the Mastodon API's
# `POST /api/v1/statuses` (JSON or form body, Bearer token, Idempotency-Key) and takes generic
# webhook POSTs on any other path. It answers as told: "accept" (200 with a status id, the same id
# again for a repeated Idempotency-Key, as Mastodon does) or "error" (503). Not listening at all is
# the endpoint being down.
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATUSES = "/api/v1/statuses"
WEBHOOK = "/hooks/news"


def social_env(port, token_variable, webhook=False, secret_variable=None, **overrides):
    """amtstermin's [social] settings for this recorder: checks every second, retries fast."""
    env = {
        "AMTSTERMIN_SOCIAL_MASTODON_URL": f"http://127.0.0.1:{port}/",
        "AMTSTERMIN_SOCIAL_MASTODON_TOKEN_ENV": token_variable,
        "AMTSTERMIN_SOCIAL_CHECK_SECONDS": "1",
        "AMTSTERMIN_SOCIAL_POLL_MS": "100",
        "AMTSTERMIN_SOCIAL_RETRY_BASE_SECONDS": "1",
        "AMTSTERMIN_SOCIAL_RETRY_MAX_SECONDS": "2",
        "AMTSTERMIN_SOCIAL_TIMEOUT_SECONDS": "5",
        "AMTSTERMIN_MAIL_PUBLIC_URL": "https://termine.example.org",
    }
    if webhook:
        env["AMTSTERMIN_SOCIAL_WEBHOOK_URL"] = f"http://127.0.0.1:{port}{WEBHOOK}"
        env["AMTSTERMIN_SOCIAL_WEBHOOK_SECRET_HEADER"] = "X-Amtstermin-Secret"
        env["AMTSTERMIN_SOCIAL_WEBHOOK_SECRET_ENV"] = secret_variable
    env.update({f"AMTSTERMIN_SOCIAL_{k.upper()}": str(v) for k, v in overrides.items()})
    return env


class SocialRecorder:
    def __init__(self, port):
        self.port = port
        self.mode = "accept"
        self.requests = []  # dicts: path, headers (lower-case names), fields (parsed body), answered
        self.statuses = {}  # Idempotency-Key -> status id, as a Mastodon server remembers them
        self.lock = threading.Lock()
        self.httpd = None

    def start(self):
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                if headers.get("content-type", "").startswith("application/json"):
                    fields = json.loads(raw)
                else:
                    fields = {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode()).items()}
                with recorder.lock:
                    mode = recorder.mode
                    key = headers.get("idempotency-key", "")
                    repeated = key in recorder.statuses
                    if mode == "accept" and not repeated:
                        recorder.statuses[key] = str(len(recorder.statuses) + 1)
                    recorder.requests.append({"path": self.path, "headers": headers, "fields": fields,
                                              "answered": mode, "repeated": repeated})
                    status_id = recorder.statuses.get(key, "")
                status, answer = (200, json.dumps({"id": status_id}).encode()) if mode == "accept" \
                    else (503, b'{"error": "overloaded"}')
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def answer(self, mode):
        with self.lock:
            self.mode = mode

    def all(self, path=None):
        with self.lock:
            return [r for r in self.requests if path is None or r["path"] == path]

    def posted(self, path=STATUSES):
        """Requests that created something new (accepted, not a repeat of an earlier key)."""
        return [r for r in self.all(path) if r["answered"] == "accept" and not r["repeated"]]

    def wait_for(self, predicate, timeout=30, what="social posts"):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if predicate(self.all()):
                return self.all()
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; got {self.all()}")
