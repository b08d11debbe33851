# Responsibility by surname letters over HTTP on both backends: an admin adds letter ranges next to
# the customer number ranges; a booking with a surname and no customer number lands with the letter
# range's caseworker, one whose customer number a number range covers with that range's.
import datetime as dt
import html
import re
import urllib.parse

import pytest

from amt import LOCATION, booking_body, unique_email
from staff_client import create_staff, signed_in

SERVICE = "placement-counselling"  # routed to the citizen's own caseworker
DAY = dt.date(2027, 3, 17)  # each caseworker gets at most one booking a day here, so none is passed on
PATH = f"/staff/admin/location/{LOCATION}"


@pytest.fixture(scope="module")
def admin(server):
    create_staff(server, "rita.rules", "admin")
    return signed_in(server.client, "rita.rules")


@pytest.fixture(scope="module")
def letter_rules(admin):
    """The demo's number ranges (staff-21 has 100000-164285) plus A-L for staff-26, M-Z for staff-27."""
    page = admin.get(PATH).body.decode()
    numbers = html.unescape(re.search(r'<textarea[^>]*name="rules"[^>]*>([^<]*)</textarea>', page).group(1))
    assert "staff-21 100000-164285" in numbers, numbers
    saved = admin.post(PATH + "/rules", {"rules": numbers + "staff-26 A-L\nstaff-27 \u00c4-\u00e4\nstaff-27 M-Z\n"})
    # Ä folds to A, which A-L already covers: refused, nothing saved, the line named.
    assert saved.status == 422 and "Zeile 16".encode() in saved.body, saved
    saved = admin.post(PATH + "/rules", {"rules": numbers + "staff-26 A-L\nstaff-27 M-Z\n"})
    assert saved.status == 303, saved
    return numbers


def slot_at_ten(client, surname=None, customer_number=None, day=DAY):
    """The 10:00 start time the citizen is offered, when both the caseworkers are at work."""
    params = {k: v for k, v in (("surname", surname), ("customer_number", customer_number)) if v}
    query = "".join(f"&{k}={urllib.parse.quote(v)}" for k, v in params.items())
    doc = client.get(f"/api/v1/availability?location={LOCATION}&service={SERVICE}&from={day}&to={day}{query}")
    assert doc.status == 200, doc
    found = [s for d in doc.json["days"] for s in d["slots"] if "T10:00:00" in s["start"]]
    assert found, doc.json
    return found[0]["start"]


def book(client, name, customer_number=None, day=DAY):
    extra = {"customer_number": customer_number} if customer_number else {}
    body = booking_body(slot_at_ten(client, name, customer_number, day), email=unique_email("letters"),
                        service=SERVICE, **extra)
    body["contact"]["name"] = name
    created = client.post("/api/v1/bookings", body)
    assert created.status == 201, created
    return created.json["code"]


def caseworker(server, code):
    with server.connect_db() as db:
        return db.execute(f"SELECT staff_id FROM appointments WHERE code = '{code}'").fetchone()[0]


def test_the_admin_page_shows_letter_ranges_and_refuses_bad_letters_next_to_the_field(admin, letter_rules):
    page = admin.get(PATH).body.decode()
    assert "staff-26 A-L\nstaff-27 M-Z" in page
    bad = admin.post(PATH + "/rules", {"rules": letter_rules + "staff-26 A-L\nstaff-27 Z-M\n"})
    assert bad.status == 422 and b'id="rules-error"' in bad.body
    assert "Zeile 16: Der Buchstabenbereich darf nicht vor seinem Anfang enden.".encode() in bad.body
    assert b"staff-27 Z-M" in bad.body  # what was typed stays
    assert "staff-27 M-Z" in admin.get(PATH).body.decode()  # and nothing was saved


def test_a_booking_by_surname_without_customer_number_lands_with_the_letter_ranges_caseworker(
        client, server, letter_rules):
    assert caseworker(server, book(client, "Jonas M\u00fcller")) == "staff-27"
    assert caseworker(server, book(client, "\u00c4rmel, Anna")) == "staff-26"  # Ä counts as A
    assert caseworker(server, book(client, "Lea Stra\u00dfer", day=DAY + dt.timedelta(days=1))) == "staff-27"


def test_a_covered_customer_number_wins_over_the_surname(client, server, letter_rules):
    assert caseworker(server, book(client, "Zoe Zander", customer_number="100001")) == "staff-21"
    # A number no range covers leaves the surname to decide.
    assert caseworker(server, book(client, "Zoe Zander", "000123", DAY + dt.timedelta(days=2))) == "staff-27"


def test_the_citizen_pages_ask_for_the_surname_and_offer_that_caseworkers_times(client, letter_rules):
    concern = client.get(f"/book/{SERVICE}")
    assert concern.status == 200 and b'name="sn"' in concern.body
    days = client.get(f"/book/{SERVICE}/day?from={DAY}&sn=M%C3%BCller")
    assert days.status == 200 and b"sn=M%C3%BCller" in days.body
    times = client.get(f"/book/{SERVICE}/time?date={DAY}&sn=M%C3%BCller")
    assert times.status == 200 and b"sn=M%C3%BCller" in times.body
    start = urllib.parse.quote(slot_at_ten(client, "M\u00fcller", day=DAY + dt.timedelta(days=5)))
    details = client.get(f"/book/{SERVICE}/details?start={start}&sn=M%C3%BCller")
    assert details.status == 200 and 'value="M\u00fcller"'.encode() in details.body  # the name field starts with it
