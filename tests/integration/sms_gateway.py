# A recording SMS gateway on loopback for the integration tests: it speaks the protocol the tests
# configure amtstermin with (POST /v1/messages, JSON body, Bearer token) and answers as told:
# "accept" (200 {"status": "accepted"}), "error" (500), "reject" (200 {"status": "rejected"}).
# Not listening at all is the gateway being down (connection refused).
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PATH = "/v1/messages"


def sms_env(port, secret_variable, **overrides):
    """amtstermin's [sms] settings for this gateway, retries fast for tests."""
    env = {
        "AMTSTERMIN_SMS_URL": f"http://127.0.0.1:{port}{PATH}",
        "AMTSTERMIN_SMS_METHOD": "POST",
        "AMTSTERMIN_SMS_HEADERS": "Authorization: Bearer {secret};X-Message-Id: {id}",
        "AMTSTERMIN_SMS_SECRET_ENV": secret_variable,
        "AMTSTERMIN_SMS_BODY": '{"to": "{number}", "text": "{text}", "reference": "{id}"}',
        "AMTSTERMIN_SMS_SUCCESS_STATUS": "200-202",
        "AMTSTERMIN_SMS_SUCCESS_BODY": '"status": "accepted"',
        "AMTSTERMIN_SMS_POLL_MS": "100",
        "AMTSTERMIN_SMS_RETRY_BASE_SECONDS": "1",
        "AMTSTERMIN_SMS_RETRY_MAX_SECONDS": "2",
        "AMTSTERMIN_SMS_TIMEOUT_SECONDS": "5",
    }
    env.update({f"AMTSTERMIN_SMS_{k.upper()}": str(v) for k, v in overrides.items()})
    return env


class SmsGateway:
    def __init__(self, port):
        self.port = port
        self.mode = "accept"
        self.requests = []  # dicts: method, path, headers (lower-case names), json, answered
        self.lock = threading.Lock()
        self.httpd = None

    def start(self):
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with gateway.lock:
                    mode = gateway.mode
                    gateway.requests.append({"method": "POST", "path": self.path,
                                             "headers": {k.lower(): v for k, v in self.headers.items()},
                                             "json": json.loads(body), "answered": mode})
                status, answer = {"accept": (200, b'{"status": "accepted"}'),
                                  "reject": (200, b'{"status": "rejected", "reason": "quota"}'),
                                  "error": (500, b"gateway overloaded")}[mode]
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

    def accepted(self):
        with self.lock:
            return [r for r in self.requests if r["answered"] == "accept"]

    def all(self):
        with self.lock:
            return list(self.requests)

    def wait_for(self, predicate, timeout=20, what="gateway requests"):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if predicate(self.all()):
                return self.all()
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; got {self.all()}")
