# The call display across servers on one PostgreSQL database: a call committed elsewhere reaches
# the displays connected to every server (LISTEN/NOTIFY on the data version, then a read).
import statistics
import time

import pytest

from display_stream import EventStream, call_next, emergency

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
