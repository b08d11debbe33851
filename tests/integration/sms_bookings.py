# A server that confirms bookings by SMS through the recording gateway (sms_gateway.py), an agent
# booking for a caller on the console with an SMS confirmation, and what the SMS outbox and the
# server's log then hold.
import re

from amt import wait_until
from sms_gateway import sms_env
from staff_client import create_staff, signed_in

SECRET_VARIABLE = "AMT_TEST_SMS_GATEWAY_TOKEN"
SLOT = re.compile(rb'name="start" value="([^"]+)"')


def sms_server(make_server, gateway, secret, **overrides):
    env = sms_env(gateway.port, SECRET_VARIABLE, **overrides)
    env[SECRET_VARIABLE] = secret
    server = make_server(env).prepare().start()
    create_staff(server, "sina.agent", "agent")
    return server, signed_in(server.client, "sina.agent")


def book_with_sms(agent, skip=0, phone="0151 2345678"):
    """Books a free first-application time (the skip-th offered, or a later one when that was taken
    meanwhile) for a caller by phone with an SMS confirmation; returns the booking code."""
    for attempt in range(6):
        resp = agent.get("/staff/console?concern=Erstantrag&next=1")
        assert resp.status == 200, resp
        starts = SLOT.findall(resp.body)
        start = starts[(skip + attempt) % len(starts)].decode()
        resp = agent.post("/staff/console/book", {"location": "mainz", "service": "first-application", "start": start,
                                                  "name": "Erika Anrufer", "phone": phone, "confirm": "sms"})
        if resp.status == 303:
            return re.search(r"/booking/([A-Z0-9]{6})", resp.header("location")).group(1)
        assert resp.status == 409, resp
    raise AssertionError("no free time could be booked")


def sms_rows(server):
    with server.connect_db() as db:
        rows = db.execute("SELECT id, status, attempts, last_error FROM outbox WHERE channel = 'sms' ORDER BY id").fetchall()
    return [(str(r[0]), *r[1:]) for r in rows]  # psql gives an all-digit id as int


def wait_for_rows(server, predicate, what, timeout=30):
    return wait_until(lambda: sms_rows(server), what, timeout, holds=predicate)


def log_of(server):
    return b"".join(p.read_bytes() for p in sorted(server.workdir.glob("serve-*.log"))).decode(errors="replace")
