# A recording social endpoint on loopback for the news tests: it speaks the Mastodon API's
# `POST /api/v1/statuses` (JSON or form body, Bearer token, Idempotency-Key) and takes generic
# webhook POSTs on any other path. It answers as told: "accept" (200 with a status id, the same id
# again for a repeated Idempotency-Key, as Mastodon does) or "error" (503). Not listening at all is
# the endpoint being down.
import json
import urllib.parse

from recording_server import RecordingServer

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


class SocialRecorder(RecordingServer):
    what = "social posts"

    def __init__(self, port):
        super().__init__(port)
        self.statuses = {}  # Idempotency-Key -> status id, as a Mastodon server remembers them

    def record(self, path, headers, body):
        # requests: dicts of path, headers (lower-case names), fields (parsed body), answered, repeated
        if headers.get("content-type", "").startswith("application/json"):
            fields = json.loads(body)
        else:
            fields = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode()).items()}
        key = headers.get("idempotency-key", "")
        repeated = key in self.statuses
        if self.mode == "accept" and not repeated:
            self.statuses[key] = str(len(self.statuses) + 1)
        self.requests.append({"path": path, "headers": headers, "fields": fields, "answered": self.mode,
                              "repeated": repeated})
        if self.mode != "accept":
            return 503, b'{"error": "overloaded"}'
        return 200, json.dumps({"id": self.statuses.get(key, "")}).encode()

    def all(self, path=None):
        return [r for r in super().all() if path is None or r["path"] == path]

    def posted(self, path=STATUSES):
        """Requests that created something new (accepted, not a repeat of an earlier key)."""
        return [r for r in self.all(path) if r["answered"] == "accept" and not r["repeated"]]
