# A recording SMS gateway on loopback for the integration tests: it speaks the protocol the tests
# configure amtstermin with (POST /v1/messages, JSON body, Bearer token) and answers as told:
# "accept" (200 {"status": "accepted"}), "error" (500), "reject" (200 {"status": "rejected"}).
# Not listening at all is the gateway being down (connection refused).
import json

from recording_server import RecordingServer

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


class SmsGateway(RecordingServer):
    what = "gateway requests"

    def record(self, path, headers, body):
        # requests: dicts of method, path, headers (lower-case names), json, answered
        self.requests.append({"method": "POST", "path": path, "headers": headers, "json": json.loads(body),
                              "answered": self.mode})
        return {"accept": (200, b'{"status": "accepted"}'),
                "reject": (200, b'{"status": "rejected", "reason": "quota"}'),
                "error": (500, b"gateway overloaded")}[self.mode]

    def accepted(self):
        with self.lock:
            return [r for r in self.requests if r["answered"] == "accept"]


def sms_to(gateway, phone_digits, count=1):
    return gateway.wait_for(lambda got: len([r for r in got if r["json"]["to"].endswith(phone_digits)]) >= count,
                            what=f"SMS to {phone_digits}")
