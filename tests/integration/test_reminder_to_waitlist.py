# Reminders and the waitlist together (issue #8, "must show"): the one-tap cancel link in a
# reminder mail frees the time, the first waitlist entry that fits gets it held with an offer by mail
# and SMS, and nobody else can book it meanwhile. Both engines, real SMTP, the recording SMS gateway.
import datetime as dt
import re
import secrets
import time


from amt import booking_body, capacity_at, wait_until
from booking_client import fill_time
from mail_server import mail_env, mail_text, mails_to
from reminder_client import REMINDER_WAIT, book, reminder_mails, restart_at, start_local
from sms_gateway import sms_env, sms_to
from waitlist_client import entry, join
from web_forms import post_page_form

CANCEL_LINK = re.compile(r"https://termine\.example\.org(/reminder/[A-Z0-9]+/cancel)\?token=(\S+)")


def test_the_reminders_one_tap_cancel_hands_the_time_to_the_first_fitting_waitlist_entry(make_server, smtp, gateway):
    env = dict(mail_env(smtp.port), **sms_env(gateway.port, "AMT_TEST_REMINDER_WAITLIST_SMS"))
    env.update({"AMT_TEST_REMINDER_WAITLIST_SMS": "tok-" + secrets.token_hex(8),
                "AMTSTERMIN_REMINDERS_INTERVAL_SECONDS": "1", "AMTSTERMIN_WAITLIST_CHECK_SECONDS": "1"})
    server = make_server(env).prepare().start()
    booking = book(server)
    fill_time(server.client, booking["start"])  # the time is full: the waitlist is the only way in
    ada = join(server.client, booking["start"], "Ada", "+491511111111")
    ben = join(server.client, booking["start"], "Ben", "+491512222222")

    restart_at(server, start_local(booking) - dt.timedelta(hours=48, seconds=20))
    [(_, _, mail)] = wait_until(lambda: reminder_mails(smtp, booking["code"]), "the reminder mail", timeout=REMINDER_WAIT)
    path, token = CANCEL_LINK.search(mail_text(mail)).groups()
    done = post_page_form(server, path, token)
    assert done.status == 200 and "Your appointment is cancelled" in done.text

    client = server.client
    assert entry(client, ada)["status"] == "offered"
    assert entry(client, ben)["status"] == "waiting"
    offer = [m for m in mails_to(smtp, ada["email"], count=2) if str(m["Subject"]).startswith("A time for you")]
    assert len(offer) == 1
    sms_to(gateway, "1511111111")
    # Held for Ada: not offered to anyone else, and a booking for it is refused.
    assert capacity_at(client, booking["start"]) == 0
    assert client.post("/api/v1/bookings", booking_body(booking["start"])).status == 409
    time.sleep(1.5)  # further reminder and waitlist runs change nothing
    assert entry(client, ben)["status"] == "waiting"
    assert len(reminder_mails(smtp, booking["code"])) == 1
