# Confirmation, change and cancellation mails reach a real SMTP server (aiosmtpd on loopback):
# content a citizen needs, an .ics that calendars import, the booking code as a QR PNG, retries while the mail server is down,
# exactly one delivery, and nothing lost when the server is stopped meanwhile.
import datetime as dt
import struct
import time
import zlib

import pytest

from amt import bearer, booking_body, free_slot, parse_time, unique_email, wait_until, weekdays_from
from mail_server import mail_env

DAYS = weekdays_from(dt.date(2027, 3, 22), 4)  # Monday to Thursday; Friday 26th is Good Friday


@pytest.fixture
def smtp(idle_smtp):
    """Here each test starts the mail server itself, some only after booking."""
    return idle_smtp


def book(client, day, address):
    slot = free_slot(client, day)
    resp = client.post("/api/v1/bookings", booking_body(slot["start"], email=address))
    assert resp.status == 201, resp
    return resp.json


def parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    calendars = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return text, calendars


def ics_lines(raw):
    """Content lines of an iCalendar text, unfolded (RFC 5545 3.1)."""
    assert "\r\n" in raw and "\n" not in raw.replace("\r\n", "")
    lines = []
    for line in raw.split("\r\n"):
        if line.startswith(" ") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def test_confirmation_mail_has_code_local_time_documents_manage_link_and_calendar(make_server, smtp):
    smtp.start()
    server = make_server(mail_env(smtp.port)).prepare().start()
    address = unique_email("mail")
    booked = book(server.client, DAYS[0], address)
    code = booked["code"]

    [(mail_from, rcpt, message)] = smtp.inbox.wait_for(code)
    assert mail_from == "termine@jobcenter.example.org"
    assert rcpt == [address]
    assert message["To"] == address
    assert "Jobcenter Mainz" in message["From"]
    assert message["Message-ID"].startswith("<outbox-") and message["Message-ID"].endswith("@jobcenter.example.org>")
    start = parse_time(booked["start"])  # the API answers with the Berlin offset
    assert str(message["Subject"]) == f"Ihr Termin am {start:%d.%m.%Y} {start:%H:%M} Uhr – Buchungscode {code}"

    text, calendars = parts(message)
    assert f"Buchungscode: {code}" in text
    assert f"{start:%H:%M} bis " in text
    assert "Bitte bringen Sie mit" in text and "- Mietvertrag" in text
    assert f"https://termine.example.org/manage?code={code}&token={booked['manage_token']}" in text

    assert len(calendars) == 1
    assert calendars[0].get_filename() == f"termin-{code}.ics"
    lines = ics_lines(calendars[0].get_content())
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "METHOD:PUBLISH" in lines and "TZID:Europe/Berlin" in lines
    assert f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}" in lines
    assert f"UID:{code}@termine.example.org" in lines
    assert server.stop() == 0


def decode_png(data):
    """Pixels (True = black) of a 1-bit grayscale PNG as this server writes it, every CRC checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = {}, 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.setdefault(kind, b"")
        chunks[kind] += body
        at += 12 + length
    assert b"IEND" in chunks
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, color, interlace) == (1, 0, 0)
    raw, row = zlib.decompress(chunks[b"IDAT"]), (width + 7) // 8 + 1
    assert len(raw) == row * height
    rows = []
    for y in range(height):
        line = raw[y * row:(y + 1) * row]
        assert line[0] == 0, "filter type none"
        rows.append([not (line[1 + x // 8] >> (7 - x % 8)) & 1 for x in range(width)])
    return rows


def finder_at(pixels, x, y, module):
    """A QR finder pattern: a 7-module dark ring, a light ring, a 3-module dark centre."""
    def dark(mx, my):
        return pixels[y + my * module + module // 2][x + mx * module + module // 2]
    ring = all(dark(i, 0) and dark(i, 6) and dark(0, i) and dark(6, i) for i in range(7))
    light = all(not dark(i, 1) and not dark(1, i) for i in range(1, 6))
    return ring and light and all(dark(i, j) for i in range(2, 5) for j in range(2, 5))


def test_confirmation_mail_carries_the_booking_code_as_a_qr_code_png(make_server, smtp):
    smtp.start()
    server = make_server(mail_env(smtp.port)).prepare().start()
    booked = book(server.client, DAYS[2], unique_email("qr"))
    [(_, _, message)] = smtp.inbox.wait_for(booked["code"])
    assert list(message.walk())[1].get_content_type() == "text/plain"  # the text comes first, whole
    text, _ = parts(message)
    assert f"Buchungscode: {booked['code']}" in text
    [image] = [p for p in message.iter_attachments() if p.get_content_type() == "image/png"]
    assert image.get_filename() == "booking-code.png"
    assert image["Content-Disposition"].startswith("inline")
    assert image["Content-ID"] == "<booking-code@jobcenter.example.org>"
    data = image.get_content()
    assert 100 < len(data) < 5000, len(data)
    pixels = decode_png(data)
    side = len(pixels)
    assert all(len(r) == side for r in pixels) and 150 <= side <= 600, side
    module = side // 29  # a 6-character code is a version-1 QR: 21 modules and 4 of quiet zone each side
    assert module * 29 == side
    quiet = 4 * module
    assert not any(pixels[y][x] for y in range(quiet) for x in range(side)), "light quiet zone"
    far = side - quiet - 7 * module
    assert finder_at(pixels, quiet, quiet, module)
    assert finder_at(pixels, far, quiet, module) and finder_at(pixels, quiet, far, module)
    assert not finder_at(pixels, far, far, module)  # a QR code has no fourth finder
    assert server.stop() == 0


def test_cancelling_sends_a_cancellation_mail_with_a_cancelling_calendar_entry(make_server, smtp):
    smtp.start()
    server = make_server(mail_env(smtp.port)).prepare().start()
    booked = book(server.client, DAYS[1], unique_email("cancel"))
    code = booked["code"]
    smtp.inbox.wait_for(code)
    resp = server.client.post(f"/api/v1/bookings/{code}/cancel", headers=bearer(booked["manage_token"]))
    assert resp.status == 200, resp

    mails = smtp.inbox.wait_for(code, count=2)
    message = mails[1][2]
    assert "abgesagt" in str(message["Subject"])
    text, calendars = parts(message)
    assert "token=" not in text
    lines = ics_lines(calendars[0].get_content())
    assert "METHOD:CANCEL" in lines and "STATUS:CANCELLED" in lines
    assert not [p for p in message.iter_attachments() if p.get_content_type() == "image/png"]
    assert f"UID:{code}@termine.example.org" in lines
    assert mails[0][2]["Message-ID"] != message["Message-ID"]
    assert server.stop() == 0


def test_mail_booked_while_the_mail_server_is_down_arrives_once_it_is_up_exactly_once(make_server, smtp):
    server = make_server(mail_env(smtp.port)).prepare().start()  # nothing listens on smtp.port yet
    booked = book(server.client, DAYS[2], unique_email("down"))
    time.sleep(2.5)  # a few attempts fail meanwhile
    with server.connect_db() as db:
        attempts, status, error = db.execute(
            "SELECT attempts, status, last_error FROM outbox WHERE kind = 'booking_confirmed'").fetchone()
    assert status == "pending" and attempts >= 1 and error, (attempts, status, error)

    smtp.start()
    smtp.inbox.wait_for(booked["code"], timeout=15)
    time.sleep(2)  # would a retry send it again?
    assert len(smtp.inbox.about(booked["code"])) == 1
    with server.connect_db() as db:
        status, body = db.execute("SELECT status, body FROM outbox WHERE kind = 'booking_confirmed'").fetchone()
    assert status == "sent" and body == ""  # the manage link is not kept once delivered
    assert server.stop() == 0


def test_mail_queued_when_the_server_stops_is_delivered_after_restart(make_server, smtp):
    server = make_server(mail_env(smtp.port)).prepare().start()
    booked = book(server.client, DAYS[3], unique_email("restart"))
    time.sleep(0.5)
    assert server.stop() == 0  # SIGTERM while the mail server is unreachable: prompt, clean exit
    with server.connect_db() as db:
        [(status,)] = db.execute("SELECT status FROM outbox").fetchall()
    assert status == "pending"

    smtp.start()
    server.start()
    smtp.inbox.wait_for(booked["code"], timeout=15)
    time.sleep(1)
    assert len(smtp.inbox.about(booked["code"])) == 1
    assert server.stop() == 0


def test_without_smtp_configured_mails_stay_queued(make_server):
    server = make_server().prepare().start()
    book(server.client, DAYS[0], unique_email("queued"))  # own database: any day will do
    time.sleep(0.5)
    with server.connect_db() as db:
        rows = db.execute("SELECT status, attempts, recipient FROM outbox").fetchall()
    assert len(rows) == 1 and rows[0][0] == "pending" and rows[0][1] == 0
    assert server.stop() == 0


def test_mailbox_refused_for_good_is_given_up_at_once_and_recorded_as_failed(make_server, smtp):
    smtp.start()
    server = make_server(mail_env(smtp.port)).prepare().start()
    booked = book(server.client, DAYS[0], unique_email("unknown"))
    def outbox_row():
        with server.connect_db() as db:
            return db.execute("SELECT status, attempts, last_error FROM outbox").fetchone()
    row = wait_until(outbox_row, "the mail's outcome", 15, holds=lambda r: r[0] != "pending", interval=0.1)
    status, attempts, error = row
    assert status == "failed" and attempts == 1, row
    assert "550" in error
    assert smtp.inbox.about(booked["code"]) == []
    assert server.stop() == 0
