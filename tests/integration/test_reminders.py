# Appointment reminders (issue #8 item 1) on the real server, a real SMTP server and the recording
# SMS gateway, with the clock set before each reminder's time by restarting at a later "now": the
# mail two days before and the SMS at 16:00 the day before arrive once each at their moment, none in
# the quiet hours (20:00-08:00); the one-tap cancel link frees the time; the SMS opt-out stops the
# SMS reminder; a wrong token shows the error page and cancels nothing. Both database engines.
import datetime as dt
import re
import secrets
import time
import urllib.parse


from amt import bearer, capacity_at, free_port, wait_until
from mail_server import SmtpServer, mail_env, mail_text
from reminder_client import REMINDER_WAIT, book, reminder_mails, restart_at, start_local
from sms_bookings import SECRET_VARIABLE
from sms_gateway import sms_env
from web_forms import ENGLISH, FORM, cookie_header, cookies_of, post_page_form


def reminder_server(make_server, smtp, gateway, **reminders):
    env = dict(mail_env(smtp.port), **sms_env(gateway.port, SECRET_VARIABLE))
    env[SECRET_VARIABLE] = "tok-" + secrets.token_hex(8)
    env["AMTSTERMIN_REMINDERS_INTERVAL_SECONDS"] = "1"
    env.update({f"AMTSTERMIN_REMINDERS_{k.upper()}": v for k, v in reminders.items()})
    return make_server(env).prepare().start()


def reminder_sms(gateway, code):
    return [r for r in gateway.all() if code in r["json"]["text"]]


def test_mail_and_sms_reminders_arrive_once_each_at_their_moment(make_server, smtp, gateway):
    server = reminder_server(make_server, smtp, gateway)
    booking = book(server)
    code, start = booking["code"], start_local(booking)
    time.sleep(2.5)  # runs at Monday 08:00: nothing is due yet
    assert reminder_mails(smtp, code) == [] and reminder_sms(gateway, code) == []

    # 20 s before the mail's time (a start on a busy machine can take several seconds of that).
    restart_at(server, start - dt.timedelta(hours=48, seconds=20))
    assert reminder_mails(smtp, code) == [], "not before its time"
    [(_, recipients, mail)] = wait_until(lambda: reminder_mails(smtp, code), "the reminder mail", timeout=REMINDER_WAIT)
    assert recipients == [booking["email"]]
    text = mail_text(mail)
    assert f"https://termine.example.org/reminder/{code}/cancel?token=" in text
    assert f"https://termine.example.org/reminder/{code}/stop/email?token=" in text
    assert f"https://termine.example.org/manage/{code}?token=" in text
    assert "This is a reminder of your appointment." in text
    assert reminder_sms(gateway, code) == [], "the SMS waits for the afternoon before"

    restart_at(server, dt.datetime.combine(start.date() - dt.timedelta(days=1), dt.time(15, 59, 40)))
    assert reminder_sms(gateway, code) == [], "not before 16:00"
    [sms] = wait_until(lambda: reminder_sms(gateway, code), "the reminder SMS", timeout=REMINDER_WAIT)
    assert sms["json"]["to"] == "+491512345678"
    assert sms["json"]["text"].startswith("Jobcenter reminder: your appointment on 10/03/2027 at ")
    assert f"/reminder/{code}/stop/sms?token=" in sms["json"]["text"]

    restart_at(server, dt.datetime.combine(start.date() - dt.timedelta(days=1), dt.time(17, 0)))
    time.sleep(2.5)  # later runs and a restart: still once each
    assert len(reminder_mails(smtp, code)) == 1 and len(reminder_sms(gateway, code)) == 1

    # The one-tap cancel link from the mail frees the time.
    link = re.search(r"https://termine\.example\.org(/reminder/\S+/cancel\?token=\S+)", text).group(1)
    before = capacity_at(server.client, booking["start"])
    page = server.client.get(link, headers=ENGLISH)
    assert page.status == 200 and "Cancel this appointment" in page.text and code in page.text
    jar, csrf = cookies_of(page), re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
    token = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)["token"][0]
    done = server.client.request("POST", link.split("?")[0], urllib.parse.urlencode({"csrf": csrf, "token": token}).encode(),
                                 dict(FORM, Cookie=cookie_header(jar), **ENGLISH))
    assert done.status == 200 and "Your appointment is cancelled" in done.text and 'href="/"' in done.text
    assert capacity_at(server.client, booking["start"]) == before + 1
    again = server.client.get(link, headers=ENGLISH)
    assert again.status == 200 and "This appointment is cancelled" in again.text


def test_no_reminder_leaves_in_the_quiet_hours(make_server, smtp, gateway):
    # The SMS is set for 21:00 the day before: in the quiet hours, so it waits for 08:00.
    server = reminder_server(make_server, smtp, gateway, sms_time="21:00")
    booking = book(server, language="de")
    code, start = booking["code"], start_local(booking)
    assert start.time() > dt.time(8, 0), "the appointment lies after the end of the quiet hours"

    # The server was down when the mail was due (Monday); it comes back on Tuesday evening, in the
    # quiet hours, and passes 21:00, the SMS's time.
    restart_at(server, dt.datetime.combine(start.date() - dt.timedelta(days=1), dt.time(20, 59, 58)))
    time.sleep(5)  # 21:00 passes: quiet hours
    assert reminder_mails(smtp, code) == [] and reminder_sms(gateway, code) == []

    restart_at(server, dt.datetime.combine(start.date(), dt.time(7, 59, 40)))
    assert reminder_mails(smtp, code) == [] and reminder_sms(gateway, code) == []
    [(_, _, mail)] = wait_until(lambda: reminder_mails(smtp, code), "the mail at 08:00", timeout=REMINDER_WAIT)
    [sms] = wait_until(lambda: reminder_sms(gateway, code), "the SMS at 08:00", timeout=REMINDER_WAIT)
    assert str(mail["Subject"]).startswith("Erinnerung: Ihr Termin am 10.03.2027")
    assert sms["json"]["text"].startswith("Jobcenter-Erinnerung: Ihr Termin am 10.03.2027")


def test_an_sms_opt_out_stops_the_sms_reminder_but_not_the_mail(make_server, smtp, gateway):
    server = reminder_server(make_server, smtp, gateway)
    booking = book(server)
    code, start = booking["code"], start_local(booking)
    done = post_page_form(server, f"/reminder/{code}/stop/sms", booking["manage_token"])
    assert done.status == 200 and "Reminders stopped" in done.text and "no more reminders by SMS" in done.text

    restart_at(server, dt.datetime.combine(start.date() - dt.timedelta(days=1), dt.time(16, 0)))
    wait_until(lambda: reminder_mails(smtp, code), "the (late) reminder mail", timeout=REMINDER_WAIT)
    time.sleep(2.5)
    assert reminder_sms(gateway, code) == []
    with server.connect_db() as db:
        rows = db.execute("SELECT r.channel FROM appointment_reminders r JOIN appointments a ON a.id = r.appointment_id"
                          f" WHERE a.code = '{code}'").fetchall()
    assert [r[0] for r in rows] == ["email"]
    status = server.client.get(f"/api/v1/bookings/{code}", headers=bearer(booking["manage_token"]))
    assert status.json["status"] == "booked", "opting out keeps the appointment"


def test_a_wrong_token_shows_the_error_page_and_cancels_nothing(make_server, smtp, gateway):
    server = reminder_server(make_server, smtp, gateway)
    booking = book(server)
    code = booking["code"]
    before = capacity_at(server.client, booking["start"])
    page = server.client.get(f"/reminder/{code}/cancel?token=wrong-{secrets.token_hex(8)}", headers=ENGLISH)
    assert page.status == 404 and "Booking not found" in page.text and "Erika" not in page.text
    good = server.client.get(f"/reminder/{code}/cancel?token={booking['manage_token']}")
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', good.text).group(1)
    for token in ("", "x", booking["manage_token"][:-2] + "AA"):
        resp = server.client.request("POST", f"/reminder/{code}/cancel",
                                     urllib.parse.urlencode({"csrf": csrf, "token": token}).encode(),
                                     dict(FORM, Cookie=cookie_header(cookies_of(good)), **ENGLISH))
        assert resp.status == 404 and "Booking not found" in resp.text, resp
    assert server.client.get(f"/reminder/KKKKKK/cancel?token={booking['manage_token']}").status == 404
    assert server.client.get(f"/reminder/{code}/stop/fax?token={booking['manage_token']}").status == 404
    assert server.client.get(f"/api/v1/bookings/{code}", headers=bearer(booking["manage_token"])).json["status"] == "booked"
    assert capacity_at(server.client, booking["start"]) == before
    assert server.alive()


def queued_reminders(server, code):
    with server.connect_db() as db:
        return db.execute("SELECT channel, status, attempts FROM outbox WHERE kind = 'appointment_reminder'"
                          f" AND appointment_id = (SELECT id FROM appointments WHERE code = '{code}')"
                          " ORDER BY channel").fetchall()


def test_a_cancelled_bookings_queued_reminders_never_reach_the_smtp_server_or_the_gateway(make_server, idle_gateway):
    smtp = SmtpServer(free_port())  # not listening yet: what is queued waits in the outbox
    server = reminder_server(make_server, smtp, idle_gateway)
    try:
        booking = book(server)
        code, start = booking["code"], start_local(booking)
        # 16:00 the day before: the SMS is due, and the mail (due since two days before) too.
        restart_at(server, dt.datetime.combine(start.date() - dt.timedelta(days=1), dt.time(16, 0, 5)))
        def tried():
            rows = queued_reminders(server, code)
            return rows if len(rows) == 2 and all(r[2] >= 1 for r in rows) else None

        queued = wait_until(tried, "both reminders queued and tried", timeout=REMINDER_WAIT)
        assert [(r[0], r[1]) for r in queued] == [("email", "pending"), ("sms", "pending")]

        cancelled = server.client.post(f"/api/v1/bookings/{code}/cancel", None, bearer(booking["manage_token"]))
        assert cancelled.status == 200, cancelled
        assert queued_reminders(server, code) == []  # withdrawn in the cancelling write

        smtp.start()
        idle_gateway.start()
        smtp.inbox.wait_for(code, count=2)  # confirmation and cancellation go out: delivery works again
        time.sleep(2.5)  # beyond the longest retry delay
        assert reminder_mails(smtp, code) == []
        assert [r for r in idle_gateway.all() if "reminder" in r["json"]["text"].lower()] == []
    finally:
        smtp.stop()
