# Two amtstermin servers on one PostgreSQL database, both running an SMS worker against one
# recording gateway: every confirmation SMS booked at the console of either server reaches the
# gateway exactly once, whether it waited while the gateway was down or was booked while both ran.
import secrets
import threading
import time

import pytest

from amt import create_postgres_database, free_port, wait_until
from sms_bookings import SECRET_VARIABLE, book_with_sms, sms_rows
from sms_gateway import SmsGateway, sms_env
from staff_client import create_staff, signed_in

PER_SERVER = 4  # per phase and server: 2 phases x 2 servers x 4 = 16 SMS


@pytest.fixture(scope="module")
def backend():
    """Only PostgreSQL lets two servers share one database."""
    return "postgres"


def book_on_both(agents, phase):
    """PER_SERVER console bookings on each server at once, each for its own caller."""
    codes, errors = [], []

    def run(i, agent):
        try:
            for k in range(PER_SERVER):
                n = phase * 100 + i * 10 + k
                codes.append(book_with_sms(agent, skip=n % 12, phone=f"0160 9{n:06d}"))
        except AssertionError as e:  # a time taken by the other server meanwhile: reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i, agent)) for i, agent in enumerate(agents)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    return codes


def test_sms_booked_on_two_servers_reach_the_gateway_exactly_once_each(make_server):
    gateway = SmsGateway(free_port())
    database = create_postgres_database()
    env = sms_env(gateway.port, SECRET_VARIABLE)
    env[SECRET_VARIABLE] = "tok-" + secrets.token_hex(16)
    a = make_server(env, name="a", database_url=database).prepare().start()
    b = make_server(env, name="b", database_url=database).start()
    create_staff(a, "tara.agent", "agent")
    agents = [signed_in(a.client, "tara.agent"), signed_in(b.client, "tara.agent")]
    try:
        codes = book_on_both(agents, 0)  # the gateway is down: a backlog both workers retry
        time.sleep(1.5)
        gateway.start()
        codes += book_on_both(agents, 1)
        total = 4 * PER_SERVER
        wait_until(lambda: sms_rows(a), "every SMS sent", 40, holds=lambda rows: all(r[1] == "sent" for r in rows))
        time.sleep(3)  # long enough for a second delivery by the other worker to arrive
        rows = sms_rows(a)
        assert len(rows) == total and all(r[1] == "sent" for r in rows), rows
        references = [r["json"]["reference"] for r in gateway.accepted()]
        assert sorted(references) == sorted(r[0] for r in rows), "each SMS accepted exactly once"
        texts = [r["json"]["text"] for r in gateway.accepted()]
        assert all(sum(code in t for t in texts) == 1 for code in codes)
        assert a.stop() == 0 and b.stop() == 0
    finally:
        gateway.stop()
