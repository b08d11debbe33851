# The live pages across servers on one PostgreSQL database: a call committed elsewhere reaches
# the displays connected to every server, and a change of the queue made through one server
# reaches the reception and desk pages open on the other (LISTEN/NOTIFY on the data version, then
# a read).
import re
import statistics
import time

import pytest

from display_stream import EventStream, call_next, emergency
from floor_client import CASEWORKER_STAFF, location_after, ticket_id
from staff_client import create_staff, signed_in

EVENTS = "/display/mainz/events"


@pytest.fixture(scope="module")
def backend():
    """Only PostgreSQL lets two servers share one database."""
    return "postgres"


def test_a_call_committed_by_another_process_reaches_displays_on_both_servers(two_servers):
    a, b = two_servers
    streams = [EventStream(a.port, EVENTS), EventStream(b.port, EVENTS)]
    latencies = []
    try:
        for s in streams:
            assert s.next_event()["event"] == "state"
        for _ in range(3):
            emergency(a)
            called = call_next(a)  # its own process: neither server made this call
            committed = time.monotonic()
            for s in streams:
                event = s.next_event(timeout=1)
                assert event["event"] == "call" and event["data"]["call"]["number"] == called["number"]
                latencies.append(time.monotonic() - committed)
        # The version watch makes this milliseconds; the regular read bounds it at about 0.25 s.
        assert statistics.median(latencies) < 0.5, latencies
    finally:
        for s in streams:
            s.close()


def page_stamp(browser, path):
    """The queue stamp a floor page was rendered with."""
    return re.search(r'data-stamp="([^"]+)"', browser.get(path).text).group(1)


def read_until(stream, stamp, timeout=2):
    """Reads queue events until one carries stamp (the page's current one)."""
    deadline = time.monotonic() + timeout
    while stream.next_event(timeout=max(deadline - time.monotonic(), 0.01))["data"]["stamp"] != stamp:
        pass


def test_a_queue_change_through_one_server_reaches_reception_and_desk_pages_on_the_other(two_servers):
    a, b = two_servers
    create_staff(a, "empfang", "reception", staff="staff-35")
    create_staff(a, "sachbearbeitung", "caseworker", staff=CASEWORKER_STAFF)
    reception_a, reception_b = signed_in(a.client, "empfang"), signed_in(b.client, "empfang")
    desk_b = signed_in(b.client, "sachbearbeitung")
    pages = [(reception_b, "/staff/reception"), (desk_b, "/staff/desk")]
    streams = [EventStream(b.port, f"{path}/events", headers={"Cookie": "amt_staff=" + browser.session})
               for browser, path in pages]
    latencies = []
    try:
        for _ in range(3):
            drawn = emergency(a)  # its own process; then both pages on B are current
            before = page_stamp(reception_b, "/staff/reception")
            for s in streams:
                read_until(s, before)
            page = reception_a.get("/staff/reception")
            handed = reception_a.post("/staff/reception/hand-over",
                                      {"ticket": ticket_id(page, drawn["number"]), "to": CASEWORKER_STAFF})
            assert "did=handed" in location_after(handed)  # committed by server A
            committed = time.monotonic()
            for s, (browser, path) in zip(streams, pages):
                event = s.next_event(timeout=1)
                latencies.append(time.monotonic() - committed)
                assert event["event"] == "queue" and event["data"]["stamp"] != before
                assert event["data"]["stamp"] == page_stamp(browser, path)  # what B's page now shows
        assert statistics.median(latencies) < 0.5, latencies
    finally:
        for s in streams:
            s.close()
