# Absences over HTTP with a real SMTP server, on both backends: a caseworker with 8 appointments
# tomorrow is marked ill; the plan hands what deputies can take to them, the rest of the citizens
# get a mail with free times, citizens kept at the same time get none; documents and notes stay
# with moved appointments; a stale plan is refused and shown again; other roles get 403. A team lead
# ends an absence early or deletes one that moved nobody (one that did cannot be deleted).
import datetime as dt
import re
import time

import pytest

from amt import AmtServer, availability, booking_body, free_port, fresh_database, non_overlapping, unique_email
from absence_plans import plan_form, record
from document_uploads import real_pdf, upload
from mail_server import SmtpServer, mail_env
from staff_client import create_staff, signed_in

TOMORROW = dt.date(2027, 3, 9)  # the clock stands at Monday 2027-03-08 08:00 in Mainz
SERVICE = "placement-counselling"  # bound to the citizen's caseworker; deputies in order
ILL, FIRST_DEPUTY, SECOND_DEPUTY = "staff-21", "staff-22", "staff-23"
CUSTOMERS = {ILL: 100001, FIRST_DEPUTY: 170001, SECOND_DEPUTY: 230001}  # in each one's range


@pytest.fixture(scope="module")
def office(binary, backend, tmp_path_factory):
    smtp = SmtpServer(free_port()).start()
    srv = AmtServer(binary, tmp_path_factory.mktemp(f"absence-{backend}"), mail_env(smtp.port),
                    fresh_database(backend)).prepare()
    create_staff(srv, "cara.case", "caseworker", staff=ILL)
    create_staff(srv, "lena.lead", "team_lead", staff="staff-34")  # same team (Arbeitsvermittlung)
    create_staff(srv, "anton.agent", "agent")
    srv.start()
    yield srv, smtp
    srv.stop()
    smtp.stop()


def book_for(server, staff, start, n, note=""):
    number = str(CUSTOMERS[staff] + n)
    resp = server.client.post("/api/v1/bookings", booking_body(start, email=unique_email("absence"),
                                                               service=SERVICE, customer_number=number,
                                                               note=note))
    assert resp.status == 201, resp
    return {**resp.json, "customer_number": number}


def holder(server, code):
    with server.connect_db() as db:
        return db.execute(f"SELECT staff_id, status FROM appointments WHERE code = '{code}'").fetchone()


@pytest.fixture(scope="module")
def day(office):
    server, smtp = office
    found = non_overlapping(slots_for(server, ILL))
    assert len(found) >= 8, found
    booked = [book_for(server, ILL, s["start"], i, note=f"Notiz {i}") for i, s in enumerate(found[:8])]
    # Both deputies are busy at the first two times: those two cannot be kept.
    for i in range(2):
        book_for(server, FIRST_DEPUTY, booked[i]["start"], i)
        book_for(server, SECOND_DEPUTY, booked[i]["start"], i)
    assert upload(server.client, booked[4], real_pdf("Lebenslauf")).status == 201
    return booked


def slots_for(server, staff):
    doc = availability(server.client, SERVICE, TOMORROW, TOMORROW, customer_number=str(CUSTOMERS[staff]))
    return [s for d in doc["days"] for s in d["slots"]]


def test_other_roles_and_other_peoples_absences_are_refused(office, day):
    server, _ = office
    agent = signed_in(server.client, "anton.agent")
    assert agent.get("/staff/absences").status == 403
    assert agent.post("/staff/absences/plan", {"staff": ILL, "kind": "days", "from": str(TOMORROW)}).status == 403
    cara = signed_in(server.client, "cara.case")
    assert cara.get("/staff/absences").status == 200
    other = cara.post("/staff/absences/plan", {"staff": FIRST_DEPUTY, "kind": "days", "from": str(TOMORROW)})
    assert other.status == 403
    assert holder(server, day[5]["code"])[0] == ILL


def test_record_form_keeps_values_and_names_the_wrong_field(office, day):
    server, _ = office
    lead = signed_in(server.client, "lena.lead")
    resp = lead.post("/staff/absences/plan", {"staff": ILL, "kind": "days", "from": "09.03.2027", "reason": "krank"})
    assert resp.status == 422, resp
    body = resp.body.decode()
    assert 'id="from-error"' in body and "JJJJ-MM-TT" in body and 'value="krank"' in body


def test_ill_caseworkers_day_is_planned_reviewed_and_applied_with_mails_only_for_those_not_kept(office, day):
    server, smtp = office
    lead = signed_in(server.client, "lena.lead")
    resp = lead.post("/staff/absences/plan", {"staff": ILL, "kind": "days", "from": str(TOMORROW), "reason": "krank"})
    assert resp.status == 200, resp
    body = resp.body.decode()
    counts = {k: int(re.search(rf'id="count-{k}">(\d+)<', body).group(1)) for k in ("moved", "cancelled")}
    # Two times find both deputies busy; the others go to a deputy unless a deputy's break is in the way.
    assert counts["moved"] + counts["cancelled"] == 8 and counts["moved"] >= 4 and counts["cancelled"] >= 2, body
    assert holder(server, day[2]["code"])[0] == ILL  # nothing written yet
    stale_form = plan_form(body)
    assert stale_form[f"assign.{day_id(server, day[2])}"] == FIRST_DEPUTY

    # Meanwhile the first deputy gets a booking at the third time: the plan is stale.
    book_for(server, FIRST_DEPUTY, day[2]["start"], 7)
    stale = lead.post("/staff/absences/apply", stale_form)
    assert stale.status == 409, stale
    assert "Bitte planen Sie neu" in stale.body.decode()
    assert holder(server, day[2]["code"])[0] == ILL

    fresh = plan_form(stale.body.decode())
    assert fresh["fingerprint"] != stale_form["fingerprint"]
    done = lead.post("/staff/absences/apply", fresh)
    assert done.status == 303, done
    # The third time now goes to the second deputy: the same number is kept.
    assert f"moved={counts['moved']}&cancelled={counts['cancelled']}" in done.header("location"), done
    assert b'id="recorded"' in lead.get(done.header("location")).body

    moved = [b for b in day if holder(server, b["code"])[1] == "booked"]
    cancelled = [b for b in day if holder(server, b["code"])[1] == "cancelled"]
    assert len(moved) == counts["moved"] and len(cancelled) == counts["cancelled"]
    assert day[0] in cancelled and day[1] in cancelled
    assert {holder(server, b["code"])[0] for b in moved} <= {FIRST_DEPUTY, SECOND_DEPUTY}
    assert holder(server, day[2]["code"])[0] == SECOND_DEPUTY
    for b in cancelled:
        mails = smtp.inbox.wait_for(b["code"], count=2)  # the confirmation, then the cancellation
        text = mails[-1][2].get_body(preferencelist=("plain",)).get_content()
        assert "Abwesenheit" in text and "nächsten freien Zeiten" in text, text
        # The link books the same concern at the same place, with the citizen's caseworker chain.
        link = re.search(r"https://termine\.example\.org(/book/\S+)", text).group(1)
        assert link == f"/book/{SERVICE}?cn={b['customer_number']}", link
        again = server.client.get(link)
        assert again.status == 200, again
        assert "Beratung zu Arbeit und Ausbildung" in again.text and f'value="{b["customer_number"]}"' in again.text
    for b in moved:  # at most the confirmation: nothing about the absence
        about = smtp.inbox.about(b["code"])
        assert len(about) <= 1 and not any("Abwesenheit" in str(m[2]) for m in about)

    # The moved appointment keeps its document and note: they hang on the appointment.
    with server.connect_db() as db:
        note = db.execute(f"SELECT note FROM appointments WHERE code = '{day[4]['code']}'").fetchone()[0]
        docs = db.execute("SELECT COUNT(*) FROM documents d JOIN appointments a ON a.id = d.appointment_id "
                          f"WHERE a.code = '{day[4]['code']}'").fetchone()[0]
        actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE action LIKE 'absence.%' "
                                            "OR action LIKE 'appointment.%'").fetchall()]
    assert note == "Notiz 4" and docs == 1
    assert holder(server, day[4]["code"]) == (FIRST_DEPUTY, "booked")
    assert actions.count("absence.record") == 1 and actions.count("appointment.cancel") == counts["cancelled"]
    assert actions.count("appointment.reassign") == counts["moved"]


def day_id(server, booked):
    with server.connect_db() as db:
        return db.execute(f"SELECT id FROM appointments WHERE code = '{booked['code']}'").fetchone()[0]


def absence_ids(server, staff):
    with server.connect_db() as db:
        return [r[0] for r in db.execute(f"SELECT id FROM absences WHERE staff_id = '{staff}' ORDER BY id").fetchall()]


def audit_details(server, action):
    with server.connect_db() as db:
        return [r[0] for r in db.execute(f"SELECT detail FROM audit_log WHERE action = '{action}' ORDER BY id").fetchall()]


def test_absence_that_moved_appointments_cannot_be_deleted_but_ended_and_what_was_moved_stays(office, day):
    server, _ = office
    lead = signed_in(server.client, "lena.lead")
    [absence] = absence_ids(server, ILL)  # recorded with its plan by the test above
    before = {b["code"]: holder(server, b["code"]) for b in day}
    page = lead.get(f"/staff/absences/{absence}")
    assert page.status == 200, page
    body = page.body.decode()
    assert 'id="no-delete"' in body and 'id="delete-form"' not in body and 'id="end-form"' in body
    assert int(re.search(r'id="changed">(\d+)<', body).group(1)) == 8
    assert f'href="/staff/absences/{absence}"' in lead.get("/staff/absences").body.decode()

    refused = lead.post(f"/staff/absences/{absence}/delete", {})
    assert refused.status == 409, refused
    assert "Beenden Sie sie stattdessen" in refused.body.decode()
    assert absence_ids(server, ILL) == [absence]

    cara = signed_in(server.client, "cara.case")  # a caseworker may not change it, not even their own
    assert cara.get(f"/staff/absences/{absence}").status == 403
    assert cara.post(f"/staff/absences/{absence}/end", {}).status == 403

    ended = lead.post(f"/staff/absences/{absence}/end", {})
    assert ended.status == 303 and ended.header("location").endswith("?ended=1"), ended
    assert b'id="ended"' in lead.get(ended.header("location")).body
    assert absence_ids(server, ILL) == []  # it had not begun: nothing of it remains
    assert {b["code"]: holder(server, b["code"]) for b in day} == before  # moved and cancelled stay so
    assert any(absence in d and "stay so" in d for d in audit_details(server, "absence.end"))
    assert lead.post(f"/staff/absences/{absence}/end", {}).status == 404  # gone: nothing to end twice


def test_absence_from_now_is_ended_early_and_one_that_moved_nobody_is_deleted(office, day):
    server, _ = office
    lead = signed_in(server.client, "lena.lead")
    record(lead, {"staff": "staff-24", "kind": "now", "reason": "krank"})
    [ill_now] = absence_ids(server, "staff-24")
    with server.connect_db() as db:
        planned_end = db.execute(f"SELECT to_utc FROM absences WHERE id = '{ill_now}'").fetchone()[0]
    time.sleep(1.1)  # the clock counts whole seconds: let the absence have begun
    page = lead.get(f"/staff/absences/{ill_now}").body.decode()
    assert "Die Abwesenheit endet jetzt." in page and 'id="delete-form"' in page
    ended = lead.post(f"/staff/absences/{ill_now}/end", {})
    assert ended.status == 303, ended
    with server.connect_db() as db:
        new_end = db.execute(f"SELECT to_utc FROM absences WHERE id = '{ill_now}'").fetchone()[0]
    assert new_end < planned_end  # still on record for the hours it lasted
    assert f"/staff/absences/{ill_now}".encode() not in lead.get("/staff/absences").body  # over

    record(lead, {"staff": "staff-25", "kind": "days", "from": "2027-03-19", "reason": "Fortbildung"})
    [mistake] = absence_ids(server, "staff-25")
    deleted = lead.post(f"/staff/absences/{mistake}/delete", {})
    assert deleted.status == 303 and deleted.header("location").endswith("?deleted=1"), deleted
    assert absence_ids(server, "staff-25") == []
    assert any(mistake in d for d in audit_details(server, "absence.delete"))
    assert lead.post(f"/staff/absences/{mistake}/delete", {}).status == 404
