# A loopback HTTP server that records what amtstermin sends it and answers as the test says
# (`answer(mode)`): the shared part of the SMS gateway and the social endpoint the tests run.
# Subclasses say what one POST is: `record(path, headers, body)` stores it (the lock is held) and
# returns the status and JSON-or-text answer. Not listening at all is the service being down.
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from amt import wait_until


class RecordingServer:
    what = "requests"  # for timeout messages

    def __init__(self, port):
        self.port = port
        self.mode = "accept"
        self.requests = []
        self.lock = threading.Lock()
        self.httpd = None

    def record(self, path, headers, body):
        raise NotImplementedError

    def start(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with server.lock:
                    status, answer = server.record(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
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

    def all(self):
        with self.lock:
            return list(self.requests)

    def wait_for(self, predicate, timeout=30, what=None):
        return wait_until(self.all, what or self.what, timeout, holds=predicate, interval=0.1)
