# Broken, hostile and absurd requests, sent byte for byte over raw sockets: each gets a 4xx answer
# (problem+json), nothing leaks, and the server keeps serving everyone else afterwards.
import json
import socket
import time

import pytest

from amt import LOCATION, POOL_SERVICE, raw_request, read_response

VALID_START = "2027-03-16T10:00:00+01:00"
ANY_4XX = set(range(400, 500))


def request(method, path, body=b"", headers=None, content_type="application/json"):
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}")
    if body or method in ("POST", "PUT"):
        lines.append(f"Content-Length: {len(body)}")
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return head + (body if isinstance(body, bytes) else body.encode())


def booking(**overrides):
    body = {"location": LOCATION, "service": POOL_SERVICE, "start": VALID_START,
            "contact": {"name": "Erika Mustermann", "email": "erika@example.org"}}
    body.update(overrides)
    return request("POST", "/api/v1/bookings", json.dumps(body).encode())


def booking_raw(text):
    return request("POST", "/api/v1/bookings", text.encode("utf-8") if isinstance(text, str) else text)


def availability(query):
    return request("GET", f"/api/v1/availability?{query}", content_type=None)


def get(path, headers=None):
    return request("GET", path, headers=headers, content_type=None)


BASE_QUERY = f"location={LOCATION}&service={POOL_SERVICE}"

CASES = [
    # broken JSON and wrong shapes
    ("bad-json", booking_raw('{"location": "mainz",'), {400}),
    ("json-trailing-garbage", booking_raw('{"location": "mainz"} xyz'), {400}),
    ("json-single-quotes", booking_raw("{'location': 'mainz'}"), {400}),
    ("empty-body", booking_raw(""), {400, 422}),
    ("json-array", booking_raw("[1, 2, 3]"), {422}),
    ("json-string", booking_raw('"book me"'), {422}),
    ("json-null", booking_raw("null"), {422}),
    ("start-as-number", booking(start=1773651600), {422}),
    ("contact-as-string", booking(contact="Erika Mustermann"), {422}),
    ("location-negative-number", booking(location=-1), {422}),
    ("customer-number-overflowing", booking_raw(
        '{"location":"mainz","service":"first-application","start":"%s",'
        '"contact":{"name":"E","email":"e@example.org"},'
        '"customer_number":123456789012345678901234567890123}' % VALID_START), {400, 422}),
    ("note-exponent-overflow", booking_raw(
        '{"location":"mainz","service":"first-application","start":"%s",'
        '"contact":{"name":"E","email":"e@example.org"},"note":1e99999}' % VALID_START), {400, 422}),
    ("deep-array-nesting", booking_raw("[" * 10000), {400, 413, 422}),
    ("deep-object-nesting", booking_raw('{"a":' * 10000), {400, 413, 422}),
    ("nul-in-json-string", booking_raw(b'{"location":"mai\x00nz"}'), {400}),
    ("non-utf8-bytes", booking_raw(
        b'{"location":"mainz","service":"first-application","start":"' + VALID_START.encode() +
        b'","contact":{"name":"\xff\xfe\xc3","email":"e@example.org"}}'), {400, 422}),
    ("overlong-name", booking(contact={"name": "E" * 10000, "email": "e@example.org"}), {422}),
    ("overlong-note", booking(note="n" * 100000), {422}),
    ("overlong-email", booking(contact={"name": "E", "email": "e" * 5000 + "@example.org"}), {422}),
    # content types
    ("wrong-content-type", request("POST", "/api/v1/bookings", b"{}", content_type="text/plain"), {415}),
    ("form-content-type", request("POST", "/api/v1/bookings", b"location=mainz",
                                  content_type="application/x-www-form-urlencoded"), {415}),
    ("missing-content-type", request("POST", "/api/v1/bookings", json.dumps(
        {"location": LOCATION}).encode(), content_type=None), {415}),
    # dates and times
    ("impossible-date-in-query", availability(BASE_QUERY + "&from=2027-02-30"), {422}),
    ("date-overflow-in-query", availability(BASE_QUERY + "&from=99999999-99-99"), {422}),
    ("negative-date-in-query", availability(BASE_QUERY + "&from=-1"), {422}),
    ("impossible-date-in-start", booking(start="2027-02-30T10:00:00+01:00"), {422}),
    ("start-without-offset", booking(start="2027-03-16T10:00:00"), {422}),
    ("start-hour-25", booking(start="2027-03-16T25:00:00+01:00"), {422}),
    ("start-date-only", booking(start="2027-03-16"), {422}),
    # unknown ids
    ("unknown-location-availability", availability(f"location=atlantis&service={POOL_SERVICE}"), {404}),
    ("unknown-service-availability", availability(f"location={LOCATION}&service=unicorns"), {404}),
    ("unknown-location-booking", booking(location="atlantis"), {404, 422}),
    ("unknown-service-booking", booking(service="unicorns"), {404, 422}),
    ("unknown-booking-code", get("/api/v1/bookings/" + "K" * 300, {"Authorization": "Bearer " + "A" * 43}),
     {404}),
    # paths, queries, URLs
    ("dot-dot-path", get("/api/v1/../../etc/passwd"), ANY_4XX),
    ("encoded-dot-dot-path", get("/api/v1/%2e%2e/%2e%2e/etc/passwd"), ANY_4XX),
    ("encoded-slash-traversal", get("/static/..%2f..%2f..%2f..%2fetc%2fpasswd"), ANY_4XX),
    ("invalid-percent-in-query", availability("location=%zz&service=%"), ANY_4XX),
    ("invalid-percent-in-path", get("/api/v1/bookings/%ZZ%", {"Authorization": "Bearer x"}), ANY_4XX),
    ("very-long-url", availability(BASE_QUERY + "&pad=" + "a" * 20000), {400, 414, 431}),
    ("nul-in-path", get("/api/v1/loc\x00ations"), {400, 404}),
    # headers and framing
    ("many-headers", get("/api/v1/locations", {f"X-Flood-{i}": "f" * 100 for i in range(300)}), {431}),
    ("huge-header", get("/api/v1/locations", {"X-Huge": "h" * 32768}), {431}),
    ("nul-in-header", get("/api/v1/locations", {"X-Nul": "a\x00b"}), {400}),
    ("non-numeric-content-length", b"POST /api/v1/bookings HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
     b"Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}", {400}),
    ("content-length-and-chunked", b"POST /api/v1/bookings HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
     b"Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"
     b"2\r\n{}\r\n0\r\n\r\n", {400}),
    ("garbage-request-line", b"HELLO THERE\r\n\r\n", {400}),
    ("unknown-method", request("BREW", "/api/v1/locations", content_type=None), {400, 405}),
    ("idempotency-key-too-long", request("POST", "/api/v1/bookings", json.dumps(
        {"location": LOCATION}).encode(), headers={"Idempotency-Key": "k" * 300}), {400, 422}),
    ("idempotency-key-control-char", request("POST", "/api/v1/bookings", json.dumps(
        {"location": LOCATION}).encode(), headers={"Idempotency-Key": "abc\x01def"}), {400, 422}),
    ("bearer-not-base64", get("/api/v1/bookings/ACDEFG", {"Authorization": "Bearer \xff\xfe\x80"}),
     {400, 401, 404}),
]


def assert_still_serving(server):
    assert server.alive(), f"the server died:\n{server.log_tail()}"
    resp = server.client.get("/healthz")
    assert resp.status == 200, resp


@pytest.mark.parametrize("data,allowed", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed_request_gets_a_client_error(server, data, allowed):
    status, headers, body = raw_request(server.port, data)
    assert status in allowed, f"status {status}, expected one of {sorted(allowed)[:8]}: {body[:300]!r}"
    assert headers.get("content-type", "").startswith("application/problem+json"), headers
    doc = json.loads(body)
    assert doc["status"] == status and doc["type"] and doc["title"], doc
    assert b"root:" not in body
    assert_still_serving(server)


def send_in_stages(port, head, body_chunks):
    """Headers first; a server that refuses by Content-Length answers before the body is sent."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head)
        s.settimeout(0.5)
        try:
            early = s.recv(65536, socket.MSG_PEEK)
        except socket.timeout:
            early = b""
        s.settimeout(10)
        if not early:
            try:
                for chunk in body_chunks:
                    s.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        return read_response(s)


def test_body_over_one_mebibyte_is_refused(server):
    size = 1024 * 1024 + 4096
    head = (f"POST /api/v1/bookings HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            f"Content-Type: application/json\r\nContent-Length: {size}\r\n\r\n").encode()
    status, headers, _ = send_in_stages(server.port, head, [b'{"note":"' + b"x" * (size - 10) + b'"}'])
    assert status == 413
    assert headers.get("content-type", "").startswith("application/problem+json"), headers
    assert_still_serving(server)


def test_chunked_body_over_one_mebibyte_is_refused(server):
    head = (b"POST /api/v1/bookings HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    piece = b"x" * 65536
    chunks = [b"10000\r\n" + piece + b"\r\n" for _ in range(20)] + [b"0\r\n\r\n"]
    status, _, _ = send_in_stages(server.port, head, chunks)
    assert status == 413
    assert_still_serving(server)


def test_client_that_hangs_up_mid_body_does_not_hurt_the_server(server):
    for _ in range(20):
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
            s.sendall(b"POST /api/v1/bookings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 100\r\n\r\n{\"location\":")
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"POST /api/v1/bookings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 100\r\n\r\n{\"loc")
        s.shutdown(socket.SHUT_WR)  # half-close: the server sees end of stream mid-body
        s.settimeout(5)
        try:
            s.recv(65536)
        except (socket.timeout, ConnectionResetError):
            pass
    assert_still_serving(server)


def test_connections_opened_and_dropped_without_a_request_do_not_hurt(server):
    sockets = [socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in range(50)]
    time.sleep(0.2)
    for s in sockets:
        s.close()
    assert_still_serving(server)


def test_server_answers_normally_after_all_the_abuse(server):
    resp = server.client.get("/api/v1/locations")
    assert resp.status == 200, resp
    assert any(loc["id"] == LOCATION for loc in resp.json["locations"])
