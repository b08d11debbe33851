# The test clock in Mainz (CET in March 2027) and appointment reminders: a booking whose reminder
# times lie ahead, restarting a server at a later "now", and the reminder mails that arrived.
import datetime as dt

from amt import booking_body, parse_time, slots, unique_email

WEDNESDAY = dt.date(2027, 3, 10)  # the clock starts on Monday 8 March, 08:00 in Mainz (UTC+1)
CET = dt.timezone(dt.timedelta(hours=1))
REMINDER_WAIT = 45  # s: a restart lands 20 s before the moment, and a busy machine starts slowly


def clock(local_time):
    """AMTSTERMIN_CLOCK_NOW for a Mainz wall-clock time in March 2027 (CET)."""
    return local_time.replace(tzinfo=CET).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def book(server, language="en", phone="0151 2345678"):
    """Books a Wednesday time from 10:00 on (its mail time, Monday 10:00, lies after the booking)."""
    later = [s for s in slots(server.client, frm=WEDNESDAY, to=WEDNESDAY) if parse_time(s["start"]).astimezone(CET).hour >= 10]
    address = unique_email("remind")
    resp = server.client.post("/api/v1/bookings", booking_body(later[0]["start"], email=address, phone=phone,
                                                              language=language))
    assert resp.status == 201, resp
    return dict(resp.json, email=address)


def restart_at(server, local_time):
    assert server.stop() == 0
    server.extra_env["AMTSTERMIN_CLOCK_NOW"] = clock(local_time)
    server.start()


def reminder_mails(smtp, code):
    return [m for m in smtp.inbox.about(code) if str(m[2]["Subject"]).startswith(("Reminder:", "Erinnerung:"))]


def start_local(booking):
    return parse_time(booking["start"]).astimezone(CET).replace(tzinfo=None)
