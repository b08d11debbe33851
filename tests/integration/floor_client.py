# The floor (issue #5) as reception and a caseworker use it: an emergency drawn at the kiosk and
# handed to the caseworker's desk, and reading a ticket's id off a staff page.
import re

from display_stream import emergency

CASEWORKER_STAFF = "staff-01"  # Leistung 1, room A.101


def ticket_id(page, number):
    found = re.search(r'data-number="' + number + r'".*?name="ticket" value="([^"]+)"', page.text, re.S)
    assert found, number
    return found.group(1)


def location_after(resp):
    assert resp.status == 303, resp
    return resp.header("Location")


def hand_to_desk(server, reception):
    """An emergency drawn at the kiosk and handed by reception to the caseworker: it waits for them."""
    drawn = emergency(server)
    page = reception.get("/staff/reception")
    handed = reception.post("/staff/reception/hand-over", {"ticket": ticket_id(page, drawn["number"]), "to": CASEWORKER_STAFF})
    assert "did=handed" in location_after(handed)
    return drawn
