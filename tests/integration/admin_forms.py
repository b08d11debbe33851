# The admin pages' forms for a new service and a new staff member, filled in as an admin would;
# a test changes the fields it is about.
from amt import LOCATION


def new_service(**fields):
    form = {"id": "passport-copy", "location": LOCATION, "name": "Ausweiskopie nachreichen", "group": "Unterlagen",
            "description": "Eine fehlende Kopie abgeben.", "duration_minutes": "15", "lead_time_minutes": "60",
            "horizon_days": "30", "documents": "Personalausweis\r\nBescheid\r\n", "channel": "online",
            "routing": "pool"}
    form.update(fields)
    return form


def new_person(**fields):
    form = {"id": "nina-neu", "location": LOCATION, "name": "Nina Neu", "team": "Team 3", "room": "E.12",
            "skill": "passport-copy", "deputies": "staff-01", "plan_mon": "08:00-16:00 Pause 12:00-12:30"}
    form.update(fields)
    return form
