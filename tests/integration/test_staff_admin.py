# The administration pages over HTTP on both backends: services listed, added, changed and retired
# with per-field errors in German and the input kept; a change that would orphan booked appointments
# changes nothing until the admin confirms reassigning them. Access rules: test_staff_routes.py.
import datetime as dt
import html
import re

import pytest

from amt import LOCATION, POOL_SERVICE, booking_body, slots
from admin_forms import new_person, new_service
from staff_client import create_staff, signed_in, staff_routes

DAY = dt.date(2027, 3, 16)


@pytest.fixture(scope="module")
def admin(server):
    create_staff(server, "ada.admin", "admin")
    return signed_in(server.client, "ada.admin")


def post_pairs(browser, path, pairs):
    """POST with repeated fields (several channels ticked): StaffBrowser.post takes a dict."""
    return browser.request("POST", path, form=list(pairs) + [("csrf", browser.fetch_csrf())])


def audit_actions(server, subject):
    with server.connect_db() as db:
        return [r[0] for r in db.execute(f"SELECT action FROM audit_log WHERE subject_id = '{subject}' ORDER BY id")
                .fetchall()]


def test_the_services_page_lists_every_service_with_its_state_and_links_to_its_form(admin, server):
    page = admin.get("/staff/admin/services")
    assert page.status == 200, page
    assert "Erstantrag B\u00fcrgergeld".encode() in page.body and b"buchbar" in page.body
    assert f'href="/staff/admin/service/{POOL_SERVICE}"'.encode() in page.body
    form = admin.get(f"/staff/admin/service/{POOL_SERVICE}")
    assert form.status == 200 and b'name="duration_minutes"' in form.body and b'value="45"' in form.body
    assert admin.get("/staff/admin/service/no-such-service").status == 404
    assert b'href="/staff/admin/services"' in admin.get("/staff").body  # the start page links it


def test_adding_a_service_makes_it_bookable_choice_for_citizens_at_once_and_is_audited(admin, server):
    resp = admin.post("/staff/admin/services", new_service())
    assert resp.status == 303, resp
    assert resp.header("location") == "/staff/admin/service/passport-copy?saved=1"
    shown = admin.get(resp.header("location"))
    assert "Gespeichert".encode() in shown.body and b"Personalausweis\nBescheid" in shown.body
    listed = server.client.get(f"/api/v1/services?location={LOCATION}").json["services"]
    added = [s for s in listed if s["id"] == "passport-copy"]
    assert added and added[0]["name"] == "Ausweiskopie nachreichen"
    assert audit_actions(server, "passport-copy") == ["catalog.service.add"]


def test_wrong_fields_are_named_in_german_and_everything_typed_is_kept(admin, server):
    resp = admin.post("/staff/admin/services", new_service(id="Bad Id!", name="", duration_minutes="2",
                                                           horizon_days="abc", channel=""))
    assert resp.status == 422, resp
    body = resp.body.decode()
    assert 'id="id-error"' in body and "Kleinbuchstaben" in body
    assert 'id="name-error"' in body and "Bitte f\u00fcllen Sie dieses Feld aus." in body
    assert 'id="duration_minutes-error"' in body and 'value="2"' in body
    assert 'id="horizon_days-error"' in body and 'value="abc"' in body
    assert 'id="channels-error"' in body
    assert 'value="Bad Id!"' in body and "Eine fehlende Kopie abgeben." in body
    taken = admin.post("/staff/admin/services", new_service(id=POOL_SERVICE))
    assert taken.status == 422 and "schon vergeben".encode() in taken.body
    with server.connect_db() as db:
        assert db.execute("SELECT COUNT(*) FROM services WHERE id = 'Bad Id!'").fetchone()[0] == 0


def test_changing_a_service_keeps_its_id_and_location_and_shows_at_once(admin, server):
    resp = admin.post("/staff/admin/service/passport-copy",
                      new_service(id="ignored", location="nowhere", name="Kopie nachreichen", duration_minutes="20"))
    assert resp.status == 303, resp
    listed = {s["id"]: s for s in server.client.get(f"/api/v1/services?location={LOCATION}").json["services"]}
    assert listed["passport-copy"]["name"] == "Kopie nachreichen" and "ignored" not in listed
    bad = admin.post("/staff/admin/service/passport-copy", new_service(name="x" * 121))
    assert bad.status == 422 and 'id="name-error"'.encode() in bad.body
    assert admin.post("/staff/admin/service/no-such-service", new_service()).status == 404
    two = [(k, v) for k, v in new_service(name="Kopie nachreichen").items() if k != "channel"]
    assert post_pairs(admin, "/staff/admin/service/passport-copy", two + [("channel", "online"), ("channel", "kiosk")]).status == 303
    form = admin.get("/staff/admin/service/passport-copy").body
    assert re.search(rb'value="online" checked', form) and re.search(rb'value="kiosk" checked', form)
    assert not re.search(rb'value="phone" checked', form)


def test_a_new_staff_member_with_skill_and_plan_makes_the_service_bookable_outside_breaks(admin, server):
    monday, tuesday = dt.date(2027, 3, 15), dt.date(2027, 3, 16)
    assert slots(server.client, "passport-copy", frm=monday) == []  # nobody has the skill yet
    resp = admin.post("/staff/admin/staff", new_person())
    assert resp.status == 303, resp
    assert resp.header("location") == "/staff/admin/person/nina-neu?saved=1"
    form = admin.get(resp.header("location")).body.decode()
    assert 'value="08:00-16:00 Pause 12:00-12:30"' in form and 'value="staff-01"' in form
    assert re.search(r'value="passport-copy" checked', form)
    starts = [s["start"] for s in slots(server.client, "passport-copy", frm=monday)]
    assert starts and starts[0].startswith("2027-03-15T08:00")  # Mainz time, as the API writes it
    assert not any("T12:0" in s or "T11:5" in s for s in starts), starts  # 12:00-12:30 is her break
    assert slots(server.client, "passport-copy", frm=tuesday) == []  # she does not work on Tuesdays
    assert "Nina Neu".encode() in admin.get("/staff/admin/staff").body
    assert audit_actions(server, "nina-neu") == ["catalog.staff.add"]


def test_staff_form_errors_name_the_day_and_the_deputy_and_keep_the_plan_typed(admin, server):
    resp = admin.post("/staff/admin/staff", new_person(id="olaf-neu", plan_tue="8 bis 16", deputies="nobody"))
    assert resp.status == 422, resp
    body = resp.body.decode()
    assert 'id="plan_tue-error"' in body and "07:30-16:00" in body and 'value="8 bis 16"' in body
    assert admin.post("/staff/admin/staff", new_person(id="olaf-neu", deputies="nobody")).status == 422
    bad = admin.post("/staff/admin/staff", new_person(id="olaf-neu", deputies="olaf-neu, nobody",
                                                      plan_wed="09:00-12:00 Pause 13:00-13:30")).body.decode()
    assert 'id="deputies-error"' in bad and 'id="plan_wed-error"' in bad and "Pause" in bad
    with server.connect_db() as db:
        assert db.execute("SELECT COUNT(*) FROM staff WHERE id = 'olaf-neu'").fetchone()[0] == 0


def test_retiring_a_person_with_bookings_asks_first_and_then_cancels_what_nobody_else_can_take(admin, server):
    start = slots(server.client, "passport-copy", frm=dt.date(2027, 3, 15))[0]["start"]
    booked = server.client.post("/api/v1/bookings", booking_body(start, service="passport-copy"))
    assert booked.status == 201, booked
    asked = admin.post("/staff/admin/person/nina-neu/retire", {})
    assert asked.status == 409 and booked.json["code"].encode() in asked.body
    with server.connect_db() as db:
        assert db.execute("SELECT status FROM appointments WHERE code = '%s'" % booked.json["code"]).fetchone()[0] == "booked"
    done = admin.post("/staff/admin/person/nina-neu/retire", {"reassign": "1"})
    assert done.status == 200 and b'id="outcome"' in done.body
    with server.connect_db() as db:
        assert db.execute("SELECT status FROM appointments WHERE code = '%s'" % booked.json["code"]).fetchone()[0] == "cancelled"
    assert b'id="retired-note"' in admin.get("/staff/admin/person/nina-neu").body
    assert admin.get("/staff/admin/person/nobody").status == 404


CLOSED = dt.date(2027, 3, 17)  # a Wednesday


def location_api(server):
    return {l["id"]: l for l in server.client.get("/api/v1/locations").json["locations"]}[LOCATION]


def test_a_closure_day_on_a_booked_day_asks_first_then_cancels_and_reopening_frees_the_day(admin, server):
    start = slots(server.client, frm=CLOSED)[0]["start"]
    booked = server.client.post("/api/v1/bookings", booking_body(start))
    assert booked.status == 201, booked
    path = f"/staff/admin/location/{LOCATION}"
    asked = admin.post(path + "/closures", {"day": str(CLOSED)})
    assert asked.status == 409 and booked.json["code"].encode() in asked.body
    assert "Der Standort ist an diesem Tag geschlossen.".encode() in asked.body
    assert slots(server.client, frm=CLOSED) != []  # nothing changed yet
    done = admin.post(path + "/closures", {"day": str(CLOSED), "reassign": "1"})
    assert done.status == 200, done
    assert slots(server.client, frm=CLOSED) == []
    assert f'name="day" value="{CLOSED}"'.encode() in admin.get(path).body
    reopened = admin.post(path + "/closures/remove", {"day": str(CLOSED)})
    assert reopened.status == 303 and reopened.header("location") == path + "?saved=1"
    assert slots(server.client, frm=CLOSED) != []
    bad = admin.post(path + "/closures", {"day": "2027-02-30"})
    assert bad.status == 422 and b'id="day-error"' in bad.body and b'value="2027-02-30"' in bad.body


def test_opening_hours_terminpflicht_and_rules_are_checked_kept_when_wrong_and_shown_when_saved(admin, server):
    path = f"/staff/admin/location/{LOCATION}"
    page = admin.get(path).body.decode()
    assert 'id="hours_mon"' in page and 'value="2027-03-15"' in page
    hours = {f"hours_{d}": "" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    wrong = admin.post(path + "/hours", dict(hours, hours_mon="08:00-12:00", hours_tue="8 bis 12"))
    assert wrong.status == 422 and b'id="hours_tue-error"' in wrong.body and b'value="8 bis 12"' in wrong.body
    current = dict(re.findall(r'name="(hours_[a-z]{3})" type="text" value="([^"]*)"', page))
    assert len(current) == 7 and current["hours_mon"], current
    assert admin.post(path + "/hours", dict(current, hours_sat="09:00-12:00")).status == 303
    saved = admin.get(path).body.decode()
    assert 'name="hours_sat" type="text" value="09:00-12:00"' in saved
    assert f'name="hours_mon" type="text" value="{current["hours_mon"]}"' in saved

    assert admin.post(path + "/terminpflicht", {"terminpflicht_from": "spring"}).status == 422
    assert admin.post(path + "/terminpflicht", {"terminpflicht_from": "2027-04-01"}).status == 303
    assert location_api(server)["terminpflicht_from"] == "2027-04-01"

    overlapping = admin.post(path + "/rules", {"rules": "staff-01 10000-19999\nstaff-02 15000-29999\n"})
    assert overlapping.status == 422 and "Zeile 2".encode() in overlapping.body
    assert b"staff-02 15000-29999" in overlapping.body  # what was typed stays
    assert "Zeile 1".encode() in admin.post(path + "/rules", {"rules": "nonsense"}).body
    assert admin.post(path + "/rules", {"rules": "staff-01 10000-19999\r\nstaff-02 20000-29999"}).status == 303
    assert b"staff-02 20000-29999" in admin.get(path).body
    assert admin.get("/staff/admin/location/nowhere").status == 404
    assert f'href="{path}"'.encode() in admin.get("/staff/admin/locations").body


HEADER = "id;location;name;team;room;skills;deputies;mon;tue;wed;thu;fri;sat;sun\n"
GOOD_ROW = "staff-41;mainz;Eva Neumann;Leistung 1;A.141;first-application;staff-01;07:30-16:00 Pause 12:00-12:30;;;;;;\n"


def upload(browser, path, fields, file_name, data):
    """A multipart/form-data POST as a browser sends a file input."""
    boundary = "----amtstermin-test-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in dict(fields, csrf=browser.fetch_csrf()).items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="csv"; filename="{file_name}"\r\n'
                 f'Content-Type: text/csv\r\n\r\n'.encode() + data.encode() + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}",
               "Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items())}
    return browser.client.request("POST", path, body=body, headers=headers)


def staff_count(server, staff_id):
    with server.connect_db() as db:
        return db.execute(f"SELECT COUNT(*) FROM staff WHERE id = '{staff_id}'").fetchone()[0]


def test_a_csv_with_wrong_rows_is_reported_line_by_line_and_nothing_is_written(admin, server):
    bad = "staff-42;mainz;Kai Falsch;;;no-such-service;;7 bis 16;;;;;;\n"
    resp = upload(admin, "/staff/admin/import", {}, "team.csv", HEADER + GOOD_ROW + bad)
    assert resp.status == 422, resp
    body = resp.body.decode()
    rows = re.findall(r"<tr><td>(\d+)</td><td>([a-z]+)</td>", body)
    assert ("3", "skills") in rows and ("3", "mon") in rows and not any(line == "2" for line, _ in rows), rows
    assert 'id="apply"' not in body and "Noch ist nichts ge\u00e4ndert." in body
    assert staff_count(server, "staff-41") == 0 and staff_count(server, "staff-42") == 0
    empty = upload(admin, "/staff/admin/import", {}, "empty.csv", "")
    assert empty.status == 422 and b'id="csv-error"' in empty.body


def test_a_clean_csv_is_checked_first_and_written_only_by_the_apply_button(admin, server):
    checked = upload(admin, "/staff/admin/import", {}, "team.csv", HEADER + GOOD_ROW)
    assert checked.status == 200, checked
    body = checked.body.decode()
    assert 'id="apply"' in body and re.search(r"Zeilen: 1, neu: 1, ge\u00e4ndert: 0", body), body
    assert staff_count(server, "staff-41") == 0
    csv = re.search(r'name="csv" value="([^"]*)"', body, re.S).group(1)
    applied = admin.post("/staff/admin/import", {"csv": html.unescape(csv), "apply": "1"})
    assert applied.status == 200 and b'id="outcome"' in applied.body
    assert staff_count(server, "staff-41") == 1
    assert audit_actions(server, "csv") == ["catalog.staff.import"]
    form = admin.get("/staff/admin/person/staff-41").body.decode()
    assert 'value="07:30-16:00 Pause 12:00-12:30"' in form and "Eva Neumann" in form


def test_retiring_a_service_with_bookings_asks_first_then_cancels_them_and_tells_the_citizens(admin, server):
    start = slots(server.client, frm=DAY)[0]["start"]
    booked = server.client.post("/api/v1/bookings", booking_body(start))
    assert booked.status == 201, booked
    code = booked.json["code"]

    asked = admin.post(f"/staff/admin/service/{POOL_SERVICE}/retire", {})
    assert asked.status == 409, asked
    body = asked.body.decode()
    assert code in body and "Das Anliegen wird nicht mehr angeboten." in body
    assert 'name="reassign" value="1"' in body
    listed = [s["id"] for s in server.client.get(f"/api/v1/services?location={LOCATION}").json["services"]]
    assert POOL_SERVICE in listed  # nothing changed before the confirmation

    done = admin.post(f"/staff/admin/service/{POOL_SERVICE}/retire", {"reassign": "1"})
    assert done.status == 200, done
    assert re.search(r'id="outcome">[^<]*: 0\.[^<]*: 1\.', done.body.decode()), done.body
    assert "per E-Mail informiert".encode() in done.body
    listed = [s["id"] for s in server.client.get(f"/api/v1/services?location={LOCATION}").json["services"]]
    assert POOL_SERVICE not in listed
    with server.connect_db() as db:
        assert db.execute(f"SELECT status FROM appointments WHERE code = '{code}'").fetchone()[0] == "cancelled"
    assert "catalog.service.retire" in audit_actions(server, POOL_SERVICE)
    form = admin.get(f"/staff/admin/service/{POOL_SERVICE}")
    assert b'id="retired-note"' in form.body and b'id="retire"' not in form.body
