# The document pre-check and the day view over HTTP, on both backends, with a real SMTP server: a
# caseworker opens an upload (served inline from our own server, audited), rejects it, the citizen
# gets the mail with a manage link that shows the state; the preparation mark; another location's
# caseworker and a receptionist get nothing.
import datetime as dt
import re

import pytest

from amt import AmtServer, booking_body, fresh_database, free_port, free_slot, unique_email
from document_uploads import real_pdf
from mail_server import SmtpServer, mail_env
from staff_client import create_staff, signed_in

TOMORROW = dt.date(2027, 3, 9)  # the test clock's "today" is Monday 8 March 2027


@pytest.fixture(scope="module")
def smtp():
    srv = SmtpServer(free_port()).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def server(binary, backend, tmp_path_factory, smtp):
    srv = AmtServer(binary, tmp_path_factory.mktemp(f"prep-{backend}"), mail_env(smtp.port),
                    fresh_database(backend)).prepare().start()
    yield srv
    assert srv.stop() == 0, srv.log_tail()


@pytest.fixture(scope="module")
def booked(server):
    slot = free_slot(server.client, TOMORROW.isoformat())
    resp = server.client.post("/api/v1/bookings", booking_body(
        slot["start"], email=unique_email("prep"), phone="0151 2345678", customer_number="123D456789",
        note="Braucht Dolmetscher", language="en"))
    assert resp.status == 201, resp
    b = resp.json
    up = server.client.request("POST", f"/api/v1/bookings/{b['code']}/documents?document=Mietvertrag&filename=miete.pdf",
                               body=real_pdf(), headers={"Content-Type": "application/pdf",
                                                         "Authorization": f"Bearer {b['manage_token']}"})
    assert up.status == 201, up
    b["document_id"] = up.json["id"]
    with server.connect_db() as db:
        b["id"], b["staff_id"] = db.execute(f"SELECT id, staff_id FROM appointments WHERE code = '{b['code']}'").fetchone()
    return b


def staff_account(server, login, roles, location="mainz", staff=None):
    create_staff(server, login, roles, location=location, staff=staff)
    return signed_in(server.client, login)


@pytest.fixture(scope="module")
def carla(server, booked):
    return staff_account(server, "carla.case", "caseworker", staff=booked["staff_id"])


def audit(server, action):
    with server.connect_db() as db:
        return db.execute(f"SELECT account_login, subject_id, detail FROM audit_log WHERE action = '{action}'"
                          " ORDER BY id").fetchall()


def test_work_list_shows_the_upload_and_the_review_page_serves_the_file_inline_and_audited(server, booked, carla):
    listed = carla.get("/staff/documents?team=*")
    assert listed.status == 200, listed
    assert booked["code"].encode() in listed.body
    page = carla.get(f"/staff/documents/{booked['code']}")
    assert page.status == 200
    assert b"Braucht Dolmetscher" in page.body and b"123D456789" in page.body
    href = f"/staff/documents/{booked['code']}/file/{booked['document_id']}"
    assert href.encode() in page.body
    f = carla.get(href)
    assert f.status == 200
    assert f.header("content-type") == "application/pdf"
    assert f.header("content-disposition").startswith("inline")
    assert f.header("x-content-type-options") == "nosniff"
    assert "no-store" in f.header("cache-control")
    assert f.body == real_pdf()
    assert ("carla.case", booked["document_id"]) in [r[:2] for r in audit(server, "document.read")]
    assert ("carla.case", booked["id"]) in [r[:2] for r in audit(server, "appointment.read")]


def test_rejecting_the_upload_mails_the_citizen_a_link_that_shows_the_state(server, booked, carla, smtp):
    form = {"document_0": "Personalausweis oder Pass", "state_0": "",
            "document_1": "Mietvertrag", "state_1": "unreadable", "reason_1": "illegible",
            "comment_1": "Page 2 is cut off", "csrf": carla.fetch_csrf()}
    resp = carla.post(f"/staff/documents/{booked['code']}/review", form)
    assert resp.status == 303, resp
    assert resp.header("location").endswith("reviewed=1&sent=2")
    mails = smtp.inbox.wait_for(booked["code"], count=2)  # the confirmation, then this one
    [message] = [m for _, _, m in mails if "Documents for your appointment" in str(m["Subject"])]
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Rental agreement: cannot be read (too blurred, too dark or cut off) – Page 2 is cut off" in text
    link = re.search(r"https://termine\.example\.org(/manage\?code=\w+&token=[\w-]+)", text)
    assert link, text
    manage = server.client.get(link.group(1))
    if manage.status == 303:  # /manage?code=... leads on to the booking's own page
        manage = server.client.get(manage.header("location"))
    assert manage.status == 200, manage
    assert "Mietvertrag: nicht lesbar (zu unscharf, zu dunkel oder abgeschnitten)".encode() in manage.body
    with server.connect_db() as db:
        sms = db.execute(f"SELECT kind FROM outbox WHERE channel = 'sms' AND appointment_id = '{booked['id']}'"
                         " AND kind = 'documents_rejected'").fetchall()
    assert len(sms) == 1
    assert [r[2] for r in audit(server, "document.review") if r[1] == booked["id"]] == [
        "Mietvertrag: unreadable (illegible)"]


def test_rejecting_without_a_reason_is_shown_next_to_the_document_and_saves_nothing(server, booked, carla):
    form = {"document_0": "Mietvertrag", "state_0": "wrong", "reason_0": "none", "csrf": carla.fetch_csrf()}
    resp = carla.post(f"/staff/documents/{booked['code']}/review", form)
    assert resp.status == 422
    assert "Choose why the document cannot be accepted.".encode() in resp.body or \
        "Wählen Sie, warum die Unterlage nicht anerkannt werden kann.".encode() in resp.body


def test_day_view_shows_tomorrows_appointment_and_the_prepared_mark_with_its_private_note(server, booked, carla):
    day = carla.get("/staff/day")
    assert day.status == 200
    assert booked["code"].encode() in day.body and b"123D456789" in day.body
    assert b'accesskey="n"' in day.body
    resp = carla.post(f"/staff/documents/{booked['code']}/prepare",
                      {"prepared": "1", "note": "Dolmetscher bestellen", "back": "day"})
    assert resp.status == 303 and resp.header("location").startswith("/staff/day")
    again = carla.get("/staff/day")
    assert b"Dolmetscher bestellen" in again.body
    manage = server.client.get(f"/manage?code={booked['code']}&token={booked['manage_token']}")
    assert b"Dolmetscher bestellen" not in manage.body
    assert [r[2] for r in audit(server, "appointment.prepare")] == ["prepared"]


def test_team_lead_sees_how_many_of_the_team_are_prepared(server, booked, carla):
    with server.connect_db() as db:
        [team_mate] = db.execute("SELECT id FROM staff WHERE team = (SELECT team FROM staff WHERE id = "
                                 f"'{booked['staff_id']}') AND id <> '{booked['staff_id']}' ORDER BY id LIMIT 1").fetchone()
    lead = staff_account(server, "tina.lead", "team_lead", staff=team_mate)
    carla.post(f"/staff/documents/{booked['code']}/prepare", {"prepared": "1", "note": "", "back": "day"})
    day = lead.get("/staff/day")
    assert day.status == 200
    assert booked["code"].encode() in day.body
    assert re.search(rb"<strong>1</strong> \S+ <strong>\d+</strong>", day.body), day.body[:2000]


def test_another_locations_caseworker_and_a_receptionist_get_no_data(server, booked):
    other = staff_account(server, "otto.worms", "caseworker", location="worms")
    code = booked["code"]
    for path in (f"/staff/documents/{code}", f"/staff/documents/{code}/file/{booked['document_id']}",
                 "/staff/documents?location=mainz", "/staff/day?location=mainz"):
        resp = other.get(path)
        assert resp.status == 404, (path, resp)
        # (the code may appear in the language link, which repeats the requested address)
        assert b"Erika" not in resp.body and b"123D456789" not in resp.body and b"Dolmetscher" not in resp.body
    post = other.post(f"/staff/documents/{code}/review",
                      {"document_0": "Mietvertrag", "state_0": "accepted", "reason_0": "none"})
    assert post.status == 404
    assert not [r for r in audit(server, "document.read") if r[0] == "otto.worms"]
    reception = staff_account(server, "rita.desk", "reception")
    assert reception.get(f"/staff/documents/{code}").status == 403
    assert reception.get(f"/staff/documents/{code}/file/{booked['document_id']}").status == 403
