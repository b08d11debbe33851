# Document uploads for a booking over the v1 API: real PDF and PNG files accepted (type from the
# content, not the name), an executable renamed to .pdf refused, size limit, token checks, and a
# file name with path traversal kept harmless.
import datetime as dt
import hashlib
import socket
import struct
import zlib

import pytest

from amt import AmtServer, bearer, booking_body, free_slot, fresh_database, unique_email, weekdays_from
from document_uploads import real_pdf, upload

DAY = weekdays_from(dt.date(2027, 3, 15), 1)[0]


def real_png():
    """A 2x2 RGB PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def windows_exe():
    """The start of a PE executable: MZ header pointing at a PE signature."""
    dos = bytearray(b"MZ" + b"\x90\x00" * 29 + b"\x00" * 2)
    dos += b"\x00" * (0x3c - len(dos)) + struct.pack("<I", 0x80)
    dos += b"\x00" * (0x80 - len(dos))
    return bytes(dos + b"PE\x00\x00" + struct.pack("<HH", 0x14c, 1) + b"\x00" * 200)


@pytest.fixture(scope="module")
def upload_server(make_module_server):
    return make_module_server({"AMTSTERMIN_UPLOAD_MAX_KB": "64"})


@pytest.fixture(scope="module")
def make_module_server(binary, backend, tmp_path_factory):
    made = []

    def make(env):
        srv = AmtServer(binary, tmp_path_factory.mktemp(f"docs-{backend}"), env, fresh_database(backend))
        srv.prepare().start()
        made.append(srv)
        return srv

    yield make
    for srv in made:
        assert srv.stop() == 0, srv.log_tail()


def booking(client, skip=0):
    slot = free_slot(client, DAY, skip=skip)
    resp = client.post("/api/v1/bookings", booking_body(slot["start"], email=unique_email("docs")))
    assert resp.status == 201, resp
    return resp.json


def listing(client, booked):
    resp = client.get(f"/api/v1/bookings/{booked['code']}/documents", headers=bearer(booked["manage_token"]))
    assert resp.status == 200, resp
    return resp.json


def test_uploaded_pdf_is_listed_as_received_and_stored_under_its_hash(upload_server):
    client = upload_server.client
    booked = booking(client)
    before = listing(client, booked)
    assert before["received"] == [] and "Mietvertrag" in before["missing"]

    pdf = real_pdf()
    resp = upload(client, booked, pdf, filename="Mietvertrag 2027.pdf", document="Mietvertrag")
    assert resp.status == 201, resp
    digest = hashlib.sha256(pdf).hexdigest()
    assert resp.json["media_type"] == "application/pdf"
    assert resp.json["sha256"] == digest and resp.json["size"] == len(pdf)

    after = listing(client, booked)
    assert [d["file_name"] for d in after["received"]] == ["Mietvertrag 2027.pdf"]
    assert "Mietvertrag" not in after["missing"]
    assert "Personalausweis oder Pass" in after["missing"]
    stored = upload_server.workdir / "uploads" / digest
    assert stored.read_bytes() == pdf


def test_png_is_accepted_by_its_content_whatever_content_type_is_declared(upload_server):
    client = upload_server.client
    booked = booking(client, skip=1)
    resp = upload(client, booked, real_png(), filename="ausweis.png", content_type="application/octet-stream")
    assert resp.status == 201, resp
    assert resp.json["media_type"] == "image/png"
    assert resp.json["document"] == ""


def test_executable_renamed_to_pdf_is_refused_with_a_clear_message(upload_server):
    client = upload_server.client
    booked = booking(client, skip=2)
    resp = upload(client, booked, windows_exe(), filename="Kontoauszug.pdf")
    assert resp.status == 422, resp
    assert resp.content_type.startswith("application/problem+json")
    [error] = resp.json["errors"]
    assert error["field"] == "file" and error["code"] == "unsupported_type"
    assert "PDF, JPEG and PNG" in error["message"]
    assert listing(client, booked)["received"] == []


def test_file_over_the_size_limit_is_refused_with_413(upload_server):
    client = upload_server.client
    booked = booking(client, skip=3)
    big = real_pdf() + b"%" + b"x" * (65 * 1024) + b"\n"
    resp = upload(client, booked, big, filename="scan.pdf")
    assert resp.status == 413, resp
    assert resp.json["type"] == "/problems/too-large"
    assert listing(client, booked)["received"] == []


def test_wrong_token_gets_the_same_answer_as_an_unknown_code(upload_server):
    client = upload_server.client
    booked = booking(client, skip=4)
    wrong = upload(client, booked, real_pdf(), token="A" * 43)
    unknown = upload(client, dict(booked, code="CCCCCC"), real_pdf())
    assert wrong.status == unknown.status == 404
    assert wrong.json == unknown.json
    listed = client.get(f"/api/v1/bookings/{booked['code']}/documents", headers=bearer("B" * 43))
    assert listed.status == 404
    missing_token = client.get(f"/api/v1/bookings/{booked['code']}/documents")
    assert missing_token.status == 401


def test_path_traversal_in_the_file_name_stays_a_harmless_display_name(upload_server):
    client = upload_server.client
    booked = booking(client, skip=5)
    pdf = real_pdf("traversal")
    resp = upload(client, booked, pdf, filename="../../../../tmp/evil\r\n.pdf")
    assert resp.status == 201, resp
    assert resp.json["file_name"] == "evil.pdf"
    assert not (upload_server.workdir.parent / "evil.pdf").exists()
    files = sorted(p.name for p in (upload_server.workdir / "uploads").iterdir())
    assert hashlib.sha256(pdf).hexdigest() in files
    assert all(len(name) == 64 for name in files), files


def test_unknown_required_document_name_is_a_field_error(upload_server):
    client = upload_server.client
    booked = booking(client, skip=6)
    resp = upload(client, booked, real_pdf(), document="Geburtsurkunde des Hundes")
    assert resp.status == 422, resp
    assert resp.json["errors"][0]["field"] == "document"


def test_default_limits_take_a_file_over_the_json_body_limit_but_not_over_ten_mebibytes(make_module_server):
    server = make_module_server({})
    client = server.client
    booked = booking(client)
    scan = real_pdf() + b"%" + b"x" * (2 * 1024 * 1024) + b"\n"  # 2 MiB: over the 1 MiB JSON limit
    resp = upload(client, booked, scan, filename="scan.pdf")
    assert resp.status == 201, resp
    # Over upload.max_kb: refused from the header alone, before the body is sent.
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall((f"POST /api/v1/bookings/{booked['code']}/documents HTTP/1.1\r\nHost: x\r\n"
                      f"Authorization: Bearer {booked['manage_token']}\r\nContent-Type: application/pdf\r\n"
                      f"Content-Length: {11 * 1024 * 1024}\r\n\r\n").encode())
        assert sock.recv(100).startswith(b"HTTP/1.1 413 ")
    json_resp = client.request("POST", "/api/v1/bookings", body=b"{" + b" " * (2 * 1024 * 1024) + b"}",
                               headers={"Content-Type": "application/json"})
    assert json_resp.status == 413  # other routes keep the small limit


def test_a_browser_form_far_over_the_limit_is_sent_back_to_its_page_with_the_message(make_module_server):
    server = make_module_server({})
    client = server.client
    booked = booking(client, skip=2)
    form_action = f"/manage/{booked['code']}/documents?token={booked['manage_token']}&lang=en"
    boundary = "amtBoundary7"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n"
            f"Content-Type: application/pdf\r\n\r\n").encode() + real_pdf() + b"%" + b"x" * (12 * 1024 * 1024) \
        + f"\r\n--{boundary}--\r\n".encode()
    # Like a browser without JavaScript: the whole body is sent before the answer is read.
    resp = client.request("POST", form_action, body=body, timeout=60,
                          headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                                   "Accept": "text/html"})
    assert resp.status == 303, resp
    assert resp.header("location") == form_action + "&too_large=1"
    page = client.get(resp.header("location"))
    assert page.status == 422, page
    assert "This file is too large. Files can have at most 10 MB." in page.text
    assert f'id="file-error"' in page.text and booked["code"] in page.text
    assert listing(client, booked)["received"] == []
    # Nothing else is sent back: an API upload keeps its 413 problem, a wrong token its 404 page.
    wrong = client.get(f"/manage/{booked['code']}/documents?token={'A' * 43}&too_large=1")
    assert wrong.status == 404 and "This file is too large" not in wrong.text


def test_upload_to_a_cancelled_booking_is_refused_and_the_file_count_is_limited(make_module_server):
    server = make_module_server({"AMTSTERMIN_UPLOAD_MAX_FILES": "2"})
    client = server.client
    booked = booking(client)
    assert upload(client, booked, real_pdf("one")).status == 201
    assert upload(client, booked, real_pdf("two")).status == 201
    third = upload(client, booked, real_pdf("three"))
    assert third.status == 413 and "At most 2 files" in third.json["detail"]
    assert len(listing(client, booked)["received"]) == 2
    resp = client.post(f"/api/v1/bookings/{booked['code']}/cancel", headers=bearer(booked["manage_token"]))
    assert resp.status == 200
    assert upload(client, booking(client, skip=1), real_pdf("other")).status == 201
    late = upload(client, booked, real_pdf("late"))
    assert late.status == 409 and late.json["type"] == "/problems/not-changeable"
