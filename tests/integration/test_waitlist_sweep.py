# The waitlist sweep (issue #8 item 3) on the real server, both engines, with the real SMTP sink and
# the recording SMS gateway: times the office adds without a cancellation reach the list in join
# order: an admin gives a staff member working hours on a day nobody could book, a team lead ends
# an absence early; the entry gets the offer by mail and SMS and can accept it, nothing is offered
# twice, and times that were free already when someone joined are not pushed at them.
import datetime as dt
import re
import time

import pytest

from absence_plans import record
from admin_forms import new_person, new_service
from amt import AmtServer, bearer, free_port, fresh_database, parse_time, slots, wait_until
from mail_server import SmtpServer, mail_env
from reminder_client import CET
from sms_gateway import SmsGateway, sms_env, sms_to
from staff_client import create_staff, signed_in
from waitlist_client import entry

SERVICE = "passport-copy"  # made by the admin below; only Nina has the skill
NEXT_MONDAY = dt.date(2027, 3, 15)  # the clock stands at Monday 2027-03-08 08:00 in Mainz


@pytest.fixture(scope="module")
def office(binary, backend, tmp_path_factory):
    smtp = SmtpServer(free_port()).start()
    gateway = SmsGateway(free_port()).start()
    env = dict(mail_env(smtp.port), **sms_env(gateway.port, "AMT_TEST_SWEEP_SMS"))
    env.update({"AMT_TEST_SWEEP_SMS": "sms-secret", "AMTSTERMIN_WAITLIST_CHECK_SECONDS": "1"})
    srv = AmtServer(binary, tmp_path_factory.mktemp(f"sweep-{backend}"), env, fresh_database(backend)).prepare()
    create_staff(srv, "lena.lead", "team_lead", staff="staff-34")  # team Arbeitsvermittlung, as Nina below
    create_staff(srv, "ada.admin", "admin")
    srv.start()
    admin = signed_in(srv.client, "ada.admin")
    assert admin.post("/staff/admin/services", new_service()).status == 303
    nina = new_person(team="Arbeitsvermittlung", plan_mon="08:00-16:00")  # Mondays only
    assert admin.post("/staff/admin/staff", nina).status == 303
    yield srv, smtp, gateway, admin, nina
    srv.stop()
    gateway.stop()
    smtp.stop()


def join(client, name, phone, weekday, start, end):
    body = {"location": "mainz", "service": SERVICE, "weekdays": [weekday], "from": start, "to": end,
            "contact": {"name": name, "email": f"{name.lower()}-{phone[-4:]}@example.org", "phone": phone},
            "language": "en"}
    resp = client.post("/api/v1/waitlist", body)
    assert resp.status == 201, resp
    return dict(resp.json, email=body["contact"]["email"], phone=phone)


def offers_to(smtp, address):
    with smtp.inbox.lock:
        return [m for (_f, rcpt, m) in smtp.inbox.messages
                if address in rcpt and str(m["Subject"]).startswith("A time for you")]


def wait_for_offer_mail(smtp, address, timeout=20):
    return wait_until(lambda: offers_to(smtp, address), f"an offer mail to {address}", timeout)


def wait_for_offer(client, joined, timeout=20):
    return wait_until(lambda: entry(client, joined), f"an offer for {joined['id']}", timeout,
                      holds=lambda current: current["status"] == "offered")


def local(start):
    return parse_time(start).astimezone(CET)


def test_a_working_day_the_admin_adds_is_offered_in_join_order_and_accepted_once(office):
    server, smtp, gateway, admin, nina = office
    client = server.client
    tuesday = dt.date(2027, 3, 9)
    free = slots(client, SERVICE, frm=tuesday, to=tuesday + dt.timedelta(days=14))
    assert free and all(local(s["start"]).weekday() == 0 for s in free)  # Nina works Mondays only
    ben = join(client, "Ben", "+491513333333", "tue", "08:00", "12:00")
    cem = join(client, "Cem", "+491514444444", "tue", "08:00", "12:00")
    mon = join(client, "Mia", "+491515555555", "mon", "08:00", "16:00")  # Mondays are free already
    time.sleep(2.5)  # the sweep's first look: nothing new, nobody offered
    assert [entry(client, j)["status"] for j in (ben, cem, mon)] == ["waiting"] * 3

    assert admin.post("/staff/admin/person/nina-neu", dict(nina, plan_tue="08:00-12:00")).status == 303
    first = wait_for_offer(client, ben)
    second = wait_for_offer(client, cem)
    assert local(first["offer"]["start"]).weekday() == 1 and local(second["offer"]["start"]).weekday() == 1
    assert parse_time(first["offer"]["start"]) < parse_time(second["offer"]["start"])  # Ben joined first
    assert local(first["offer"]["start"]).date() == tuesday and local(first["offer"]["start"]).hour == 8
    [mail] = wait_for_offer_mail(smtp, ben["email"])
    link = re.search(r"https://termine\.example\.org/waitlist/[0-9a-f]+\?token=[A-Za-z0-9_-]+",
                     mail.get_body(preferencelist=("plain",)).get_content())
    assert link and ben["id"] in link.group(0)
    sms_to(gateway, "3333333")
    [sms] = [r for r in gateway.all() if r["json"]["to"].endswith("3333333")]
    assert "/waitlist/" + ben["id"] in sms["json"]["text"]

    accepted = client.post(f"/api/v1/waitlist/{ben['id']}/accept", None, bearer(ben["token"]))
    assert accepted.status == 201, accepted
    assert parse_time(accepted.json["start"]) == parse_time(first["offer"]["start"])
    time.sleep(2.5)  # more sweeps: nothing is offered twice, Mia's free Mondays stay unoffered
    assert len(offers_to(smtp, ben["email"])) == 1 and len(offers_to(smtp, cem["email"])) == 1
    assert len([r for r in gateway.all() if r["json"]["to"].endswith("3333333")]) == 1
    assert entry(client, mon)["status"] == "waiting"
    assert client.post(f"/api/v1/waitlist/{ben['id']}/accept", None, bearer(ben["token"])).status == 409
    assert client.post(f"/api/v1/waitlist/{mon['id']}/leave", None, bearer(mon["token"])).status == 200


def test_an_absence_ended_early_frees_its_day_for_the_first_fitting_entry(office):
    server, smtp, gateway, admin, nina = office
    client = server.client
    lead = signed_in(client, "lena.lead")
    record(lead, {"staff": "nina-neu", "kind": "days", "from": str(NEXT_MONDAY), "reason": "Fortbildung"})
    assert slots(client, SERVICE, frm=NEXT_MONDAY, to=NEXT_MONDAY) == []  # her only day: nothing free
    dora = join(client, "Dora", "+491516666666", "mon", "08:00", "16:00")
    eli = join(client, "Eli", "+491517777777", "mon", "08:00", "16:00")
    time.sleep(2.5)  # the first look: other Mondays were free already
    assert entry(client, dora)["status"] == "waiting"

    with server.connect_db() as db:
        [absence] = [r[0] for r in db.execute("SELECT id FROM absences WHERE staff_id = 'nina-neu'").fetchall()]
    ended = lead.post(f"/staff/absences/{absence}/end", {})
    assert ended.status == 303, ended
    offer = wait_for_offer(client, dora)
    start = local(offer["offer"]["start"])
    assert start.date() == NEXT_MONDAY and start.hour == 8, start
    wait_for_offer_mail(smtp, dora["email"])
    sms_to(gateway, "6666666")
    # The same sweep gave Eli the next time of that day, not the same one.
    eli_offer = wait_for_offer(client, eli)
    assert local(eli_offer["offer"]["start"]).date() == NEXT_MONDAY
    assert eli_offer["offer"]["start"] != offer["offer"]["start"]
    time.sleep(2.5)
    assert len(offers_to(smtp, dora["email"])) == 1
    assert client.post(f"/api/v1/waitlist/{dora['id']}/accept", None, bearer(dora["token"])).status == 201
