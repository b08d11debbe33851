# The audit log page (/staff/audit): team leads and admins read who did what, newest first, filter
# by account and day, and page back; nothing on it (or anywhere in the staff area) edits an entry.
import re
import sqlite3
import urllib.parse

import pytest

from amt import psql
from staff_client import StaffBrowser, create_staff, signed_in, staff_routes

ROW = re.compile(rb'<tr><td><time datetime="([^"]+)">[^<]*</time></td><td>([^<]*)</td><td>([^<]*)</td>'
                 rb'<td>([^<]*)</td><td>([^<]*)</td></tr>')


def rows(resp):
    return [{"at": m[0].decode(), "login": m[1].decode(), "action": m[2].decode(), "subject": m[3].decode(),
             "detail": m[4].decode()} for m in ROW.findall(resp.body)]


def link(resp, text):
    m = re.search(rb'<a class="kern-link" href="([^"]+)"[^>]*>' + text.encode() + rb"</a>", resp.body)
    return m and m.group(1).decode().replace("&amp;", "&")


@pytest.fixture(scope="module")
def lead(server):
    create_staff(server, "tina.lead", "team_lead")
    create_staff(server, "anna.agent", "agent")
    assert StaffBrowser(server.client).sign_in("anna.agent", "not the password 1").status == 401
    signed_in(server.client, "anna.agent")
    return signed_in(server.client, "tina.lead")


def test_audit_log_shows_sign_ins_newest_first(server, lead):
    resp = lead.get("/staff/audit")
    assert resp.status == 200, resp
    found = rows(resp)
    assert found[0]["login"] == "tina.lead" and found[0]["action"] == "staff.sign_in"
    assert [r["action"] for r in found if r["login"] == "anna.agent"][:2] == ["staff.sign_in", "staff.sign_in_failed"]
    assert [r["at"] for r in found] == sorted((r["at"] for r in found), reverse=True)
    assert "Protokoll".encode() in resp.body


def test_audit_log_filters_by_account_and_refuses_an_unknown_one(server, lead):
    found = rows(lead.get("/staff/audit?account=ANNA.AGENT"))
    assert {r["login"] for r in found} == {"anna.agent"}
    assert {r["action"] for r in found} == {"staff.sign_in", "staff.sign_in_failed"}
    unknown = lead.get("/staff/audit?account=nobody")
    assert unknown.status == 422 and rows(unknown) == []
    assert "Es gibt kein Konto mit diesem Anmeldenamen".encode() in unknown.body


def test_audit_log_filters_by_day_in_the_offices_zone(server, lead):
    today = rows(lead.get("/staff/audit?from=2027-03-08&to=2027-03-08"))
    assert today and all(r["at"].startswith("2027-03-08") for r in today)
    assert rows(lead.get("/staff/audit?from=2027-03-09")) == []
    assert rows(lead.get("/staff/audit?to=2027-03-07")) == []
    for bad in ("2027-02-30", "morgen", "<script>"):
        resp = lead.get("/staff/audit?from=" + urllib.parse.quote(bad))
        assert resp.status == 422 and b"<script>" not in resp.body
        assert "Bitte geben Sie einen Tag wie 2027-03-15 ein".encode() in resp.body


def test_audit_log_pages_back_fifty_at_a_time_without_gaps_or_repeats(server, lead):
    values = ", ".join(f"(1804489200, 'x', 'paging.test', 'test.entry', '', '', 'entry {i}')" for i in range(1, 61))
    sql = ("INSERT INTO audit_log (at, account_id, account_login, action, subject_type, subject_id, detail) "
           f"VALUES {values}")
    if server.backend == "sqlite":
        with sqlite3.connect(server.db_path) as db:
            db.execute(sql)
    else:
        psql(server.database_url, sql)
    first = lead.get("/staff/audit")
    page1 = rows(first)
    assert len(page1) == 50
    assert [r["detail"] for r in page1[:50]] == [f"entry {i}" for i in range(60, 10, -1)]
    older = link(first, "Ältere Einträge")
    assert older and "before=" in older
    second = lead.get(older)
    page2 = rows(second)
    assert [r["detail"] for r in page2[:10]] == [f"entry {i}" for i in range(10, 0, -1)]
    assert len(page2) > 10  # then the sign-ins from before
    assert link(second, "Neueste Einträge") == "/staff/audit"


def test_nothing_in_the_staff_area_edits_the_audit_log(server, lead):
    for r in staff_routes(server):
        if r["path"].startswith("/staff/audit"):
            assert r["method"] == "GET", r
    page = lead.get("/staff/audit").body
    forms = re.findall(rb'<form[^>]*method="post"[^>]*action="([^"]+)"', page)
    assert forms == [b"/staff/sign-out"]
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert lead.request(method, "/staff/audit").status in (401, 403, 404, 405)
