# The call display (issue #5): /display/{location} and its event stream, against the real binary,
# with tickets drawn and called through `amtstermin ticket` (the same app functions staff pages use).
import time

import pytest

from amt import booking_body, unique_email
from display_stream import EventStream, call_next, emergency, ticket

EVENTS = "/display/mainz/events"


def test_display_page_shows_german_and_english_labels_and_needs_no_sign_in(client):
    de = client.get("/display/mainz?lang=de")
    assert de.status == 200
    assert de.content_type.startswith("text/html")
    assert "Aufruf" in de.body.decode() and "Letzte Aufrufe" in de.body.decode()
    assert "script-src 'self'" in de.header("content-security-policy")
    en = client.get("/display/mainz?lang=en")
    assert ">Call<" in en.body.decode() and "Previous calls" in en.body.decode()
    assert 'data-events="/display/mainz/events"' in en.body.decode()


def test_unknown_location_has_no_display_and_no_stream(client):
    assert client.get("/display/nowhere").status == 404
    assert client.get("/display/nowhere/events").status == 404


def test_a_call_appears_on_a_connected_event_stream_within_a_second(server):
    waiting = emergency(server)
    stream = EventStream(server.port, EVENTS)
    try:
        assert stream.status == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        assert "content-length" not in stream.headers
        state = stream.next_event()
        assert state["event"] == "state"
        called = call_next(server)
        assert called["number"] == waiting["number"] or called["status"] == "called"
        done = time.monotonic()
        event = stream.next_event(timeout=1)
        assert time.monotonic() - done < 1
        assert event["event"] == "call"
        assert event["data"]["call"]["number"] == called["number"]
        assert event["data"]["call"]["room"] == called["room"] == "E.135"
        assert event["id"] == event["data"]["call"]["id"]
        assert event["data"]["recent"][0]["number"] == called["number"]
    finally:
        stream.close()


def test_recall_is_published_again(server):
    emergency(server)
    called = call_next(server)
    stream = EventStream(server.port, EVENTS)
    try:
        stream.next_event()
        time.sleep(1.1)  # a recall is a new call time; times are stored in whole seconds
        ticket(server, "recall", "--ticket", called["id"], "--staff", "staff-35", "--reception")
        event = stream.next_event(timeout=2)
        assert event["event"] == "call" and event["data"]["call"]["number"] == called["number"]
        numbers = [c["number"] for c in event["data"]["recent"]]
        assert numbers.count(called["number"]) == 1  # the display lists a ticket once
    finally:
        stream.close()


def test_reconnect_with_last_event_id_gets_the_calls_it_missed(server):
    emergency(server)
    time.sleep(1.1)  # no other call in the second of the last one seen (same-second calls count as new)
    first = call_next(server)
    stream = EventStream(server.port, EVENTS)
    state = stream.next_event()
    assert state["data"]["missed"] == []  # a fresh page missed nothing
    last_id = state["id"]
    assert state["data"]["recent"][0]["number"] == first["number"]
    stream.close()

    emergency(server)
    emergency(server)
    missed = [call_next(server)["number"], call_next(server)["number"]]

    again = EventStream(server.port, EVENTS, last_event_id=last_id)
    try:
        state = again.next_event()
        assert state["event"] == "state"
        assert sorted(c["number"] for c in state["data"]["missed"]) == sorted(missed)
        assert [c["number"] for c in state["data"]["recent"][:2]] == list(reversed(missed)) or \
            sorted(c["number"] for c in state["data"]["recent"][:2]) == sorted(missed)
        assert state["id"] == state["data"]["recent"][0]["id"]
    finally:
        again.close()


def staff_of(server, code):
    with server.connect_db() as db:
        row = db.execute(f"SELECT staff_id FROM appointments WHERE code = '{code}'").fetchone()
    return row[0]


def test_no_personal_data_in_any_event_even_when_the_appointment_has_it(server, client):
    name, email, phone = "Zofia Przybylska-Testfall", unique_email("display"), "+49 6131 555 0199"
    start = None
    for day in client.get("/api/v1/availability?location=mainz&service=submit-documents"
                          "&from=2027-03-08&to=2027-03-08").json["days"]:
        start = day["slots"][0]["start"]
    assert start, "no free time today in the demo office"
    body = booking_body(start, email=email, service="submit-documents", phone=phone)
    body["contact"]["name"] = name
    body["note"] = "Bitte Rückruf"
    booked = client.post("/api/v1/bookings", body)
    assert booked.status == 201, booked.body
    code = booked.json["code"]

    stream = EventStream(server.port, EVENTS)
    try:
        stream.next_event()
        checked_in = ticket(server, "check-in", "--location", "mainz", "--code", code)
        called = ticket(server, "call-next", "--location", "mainz", "--staff", staff_of(server, code))
        assert called["number"] == checked_in["number"]
        event = stream.next_event(timeout=2)
        assert event["data"]["call"]["number"] == called["number"]
        for call in [event["data"]["call"], *event["data"]["recent"]]:
            assert set(call) == {"id", "number", "room", "time"}
        raw = stream.raw.decode()
        for secret in (name, "Przybylska", email, phone, code, "Rückruf", checked_in["id"], "staff-"):
            assert secret not in raw
    finally:
        stream.close()
    again = EventStream(server.port, EVENTS)
    try:
        again.next_event()
        for secret in (name, email, phone, code):
            assert secret not in again.raw.decode()
    finally:
        again.close()


def test_restart_keeps_queue_and_display_state_and_an_open_stream_is_closed_to_reconnect(make_server):
    srv = make_server(name="restart").prepare().start()
    try:
        drawn = [emergency(srv) for _ in range(4)]
        called = [call_next(srv), call_next(srv)]
        stream = EventStream(srv.port, EVENTS)
        before = stream.next_event()
        assert [c["number"] for c in before["data"]["recent"][:2]] == [called[1]["number"], called[0]["number"]] or \
            sorted(c["number"] for c in before["data"]["recent"][:2]) == sorted(c["number"] for c in called)

        assert srv.stop() == 0
        assert stream.wait_closed(timeout=5), "the stream was not ended on shutdown"
        stream.close()
        srv.start()

        again = EventStream(srv.port, EVENTS, last_event_id=before["id"])
        try:
            after = again.next_event()
            assert after["data"]["recent"] == before["data"]["recent"]
            # Nothing new: at most a call of the same second as the last seen, which it has already.
            assert all(c in before["data"]["recent"] for c in after["data"]["missed"])
            # The queue came back too: exactly the two tickets still waiting can be called.
            third, fourth = call_next(srv), call_next(srv)
            still_waiting = {d["number"] for d in drawn} - {c["number"] for c in called}
            assert {third["number"], fourth["number"]} == still_waiting
            for expected in (third, fourth):
                event = again.next_event(timeout=2)
                assert event["data"]["call"]["number"] == expected["number"]
        finally:
            again.close()
    finally:
        srv.kill()


def test_idle_stream_gets_heartbeat_comments(make_server):
    srv = make_server(name="beat", extra_env={"AMTSTERMIN_HTTP_EVENT_HEARTBEAT_SECONDS": "1"}).prepare().start()
    try:
        stream = EventStream(srv.port, EVENTS)
        stream.next_event()
        assert stream.wait_for_comment(timeout=3) == ": keep-alive"
        stream.close()
    finally:
        srv.kill()


def test_stream_limit_answers_503_to_more_displays_while_other_requests_still_work(make_server):
    srv = make_server(name="limit", extra_env={"AMTSTERMIN_HTTP_MAX_EVENT_STREAMS": "3"}).prepare().start()
    streams = []
    try:
        streams = [EventStream(srv.port, EVENTS) for _ in range(3)]
        for s in streams:
            assert s.next_event()["event"] == "state"
        refused = srv.client.get(EVENTS)
        assert refused.status == 503 and refused.header("retry-after")
        assert srv.client.get("/api/v1/locations").status == 200
        streams.pop().close()
        deadline = time.monotonic() + 5
        while True:
            retry = EventStream(srv.port, EVENTS)
            streams.append(retry)
            if retry.status == 200:
                break
            assert time.monotonic() < deadline, "a closed display did not free its place"
            time.sleep(0.1)
    finally:
        for s in streams:
            s.close()
        srv.kill()
