# Two amtstermin servers on one PostgreSQL database share one outbox, and both run a mail worker
# against one real SMTP server (aiosmtpd): every booking, on whichever server, is confirmed by
# exactly one mail, whether it waited in a backlog both workers drain at once or was booked while
# they were running.
import threading
import time

import pytest

from amt import booking_body, create_postgres_database, unique_email, wait_until
from booking_client import bookable_times, post_booking
from mail_server import mail_env

BOOKINGS = 30  # half while the mail server is down (a backlog), half while both workers deliver


@pytest.fixture(scope="module")
def backend():
    """Only PostgreSQL lets two servers share one database."""
    return "postgres"


@pytest.fixture
def mail_servers(make_server, idle_smtp):
    database = create_postgres_database()
    env = mail_env(idle_smtp.port)
    a = make_server(env, name="a", database_url=database).prepare().start()
    b = make_server(env, name="b", database_url=database).start()
    return a, b


def book_spread(servers, pairs, count, offset):
    """count bookings from parallel clients, client i on servers[i % 2]; each client moves on to
    another free time when its first choice is taken meanwhile. Returns (server index, booking)."""
    booked, failures, lock = [], [], threading.Lock()

    def client(i):
        server = servers[i % 2]
        for attempt in range(20):
            service, start = pairs[(offset + i * 7 + attempt * 131) % len(pairs)]
            body = booking_body(start, service=service, email=unique_email(f"two-mail{i}"))
            status, doc = post_booking(server.port, body)
            if status == 201:
                with lock:
                    booked.append((i % 2, doc))
                return
            if status != 409:
                break
        with lock:
            failures.append((i, status, doc))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not failures, failures[:5]
    assert len(booked) == count
    return booked


def test_bookings_on_two_servers_get_exactly_one_confirmation_mail_each(mail_servers, idle_smtp):
    a, b = mail_servers
    pairs = bookable_times(a.client)
    backlog = book_spread([a, b], pairs, BOOKINGS // 2, 0)
    time.sleep(1.5)  # both workers fail against the missing mail server and schedule retries
    idle_smtp.start()
    live = book_spread([a, b], pairs, BOOKINGS - len(backlog), 5000)
    booked = backlog + live
    assert {server for server, _ in booked} == {0, 1}

    wait_until(lambda: len(idle_smtp.inbox.messages), "a mail per booking", 30, holds=lambda n: n >= BOOKINGS, interval=0.1)
    time.sleep(3)  # long enough for a second delivery by the other worker, or a retry, to arrive

    with idle_smtp.inbox.lock:
        messages = list(idle_smtp.inbox.messages)
    assert len(messages) == BOOKINGS, f"{len(messages)} mails for {BOOKINGS} bookings"
    for _, doc in booked:
        about = [m for m in messages if doc["code"] in str(m[2]["Subject"])]
        assert len(about) == 1, f"{len(about)} mails about {doc['code']}"
    assert len({str(m[2]["Message-ID"]) for m in messages}) == BOOKINGS
    recipients = sorted(rcpt for _, rcpts, _ in messages for rcpt in rcpts)
    assert len(recipients) == len(set(recipients)) == BOOKINGS

    with a.connect_db() as db:
        rows = db.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status").fetchall()
    assert rows == [("sent", BOOKINGS)], rows
    # Which worker wins each claim is up to timing (one may drain the whole backlog), so this test
    # does not ask both to have sent mail; the store tests race four workers on one outbox.
    assert a.stop() == 0 and b.stop() == 0
