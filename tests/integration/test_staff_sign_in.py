# Staff sign-in over HTTP: the session cookie's flags, a fresh session id at every sign-in (no
# session fixation), slow-down and lock-out with the wait shown, sign-out and sign-out everywhere,
# and no redirect away from the staff area after sign-in.
import time

import pytest

from staff_client import PASSWORD, StaffBrowser, create_staff, is_sign_in_redirect, set_cookies, signed_in


@pytest.fixture(scope="module")
def agent(server):
    create_staff(server, "anna.agent", "agent")
    return "anna.agent"


def test_sign_in_sets_an_httponly_strict_session_cookie_for_the_staff_area_only(server, agent):
    browser = StaffBrowser(server.client)
    resp = browser.sign_in(agent)
    assert resp.status == 303 and resp.header("location") == "/staff"
    value, attrs = set_cookies(resp)["amt_staff"]
    assert len(value) >= 40
    assert "httponly" in attrs and "samesite=strict" in attrs and "path=/staff" in attrs
    assert "secure" not in attrs  # plain HTTP here; staff.secure_cookies turns it on (other test)
    assert not any(a.startswith("max-age") or a.startswith("expires") for a in attrs)
    home = browser.get("/staff")
    assert home.status == 200 and b"Anna.Agent" in home.body
    assert home.header("cache-control") == "no-store"


def test_wrong_password_and_unknown_login_get_the_same_answer_and_no_session(server, agent):
    for login, password in ((agent, "falsches Passwort 123"), ("nobody.here", PASSWORD)):
        browser = StaffBrowser(server.client)
        resp = browser.sign_in(login, password)
        assert resp.status == 401, resp
        assert "Der Anmeldename oder das Passwort ist falsch".encode() in resp.body
        assert browser.session is None
        assert f'value="{login}"'.encode() in resp.body  # the login stays in the field


def test_sign_in_without_the_forms_csrf_token_is_refused(server, agent):
    browser = StaffBrowser(server.client)
    resp = browser.post("/staff/sign-in", {"login": agent, "password": PASSWORD}, csrf=False)
    assert resp.status == 403 and browser.session is None


def test_a_session_id_brought_to_sign_in_is_never_the_session_afterwards(server, agent):
    browser = StaffBrowser(server.client)
    planted = "attacker-chosen-session-id-0123456789abcdefgh"
    browser.cookies["amt_staff"] = planted
    assert browser.sign_in(agent).status == 303
    assert browser.session and browser.session != planted
    attacker = StaffBrowser(server.client)
    attacker.cookies["amt_staff"] = planted
    assert is_sign_in_redirect(attacker.get("/staff"))
    # Signing in again while signed in gives a new id and ends the old session.
    old = browser.session
    old_browser = StaffBrowser(server.client)
    old_browser.cookies["amt_staff"] = old
    assert old_browser.get("/staff").status == 200
    resp = browser.sign_in(agent)
    assert resp.status == 303, resp
    assert browser.session != old
    assert is_sign_in_redirect(old_browser.get("/staff"))


def test_after_sign_in_the_browser_returns_to_the_page_it_asked_for_but_never_leaves_the_staff_area(server, agent):
    for next_path, expected in (("/staff?tab=1", "/staff?tab=1"), ("https://evil.example/", "/staff"),
                                ("//evil.example/staff", "/staff"), ("/staffing", "/staff"),
                                ("/staff/sign-in", "/staff"), ("/\\evil.example", "/staff")):
        resp = StaffBrowser(server.client).sign_in(agent, next_path=next_path)
        assert resp.status == 303 and resp.header("location") == expected, (next_path, resp)


def test_sign_out_ends_this_session_only(server, agent):
    first = signed_in(server.client, agent)
    second = signed_in(server.client, agent)
    resp = first.post("/staff/sign-out")
    assert resp.status == 303 and resp.header("location").startswith("/staff/sign-in")
    assert first.session is None  # the cookie is removed
    assert "Sie sind abgemeldet".encode() in first.get(resp.header("location")).body
    assert second.get("/staff").status == 200


def test_sign_out_everywhere_ends_every_session_of_the_account(server, agent):
    create_staff(server, "bert.agent", "agent")
    sessions = [signed_in(server.client, agent) for _ in range(3)]
    bystander = signed_in(server.client, "bert.agent")
    stolen = StaffBrowser(server.client)
    stolen.cookies["amt_staff"] = sessions[2].session
    resp = sessions[0].post("/staff/sign-out-everywhere")
    assert resp.status == 303
    assert "Beendete Sitzungen:".encode() in sessions[0].get(resp.header("location")).body
    for browser in (sessions[1], stolen):
        assert is_sign_in_redirect(browser.get("/staff"))
        assert browser.post("/staff/sign-out").status == 401
    assert bystander.get("/staff").status == 200


def test_repeated_failures_lock_the_login_and_the_page_shows_the_wait(make_server):
    # The growing wait between attempts (slow-down) is timed in tests/unit/app/staff_auth_test.cpp;
    # here the lock comes before any slow-down, so argon2id's speed on a busy machine cannot matter.
    server = make_server({"AMTSTERMIN_STAFF_SLOW_AFTER": "3", "AMTSTERMIN_STAFF_LOCK_AFTER": "3",
                          "AMTSTERMIN_STAFF_LOCK_MINUTES": "15", "AMTSTERMIN_STAFF_SECURE_COOKIES": "true"})
    server.prepare()
    create_staff(server, "carla", "caseworker")
    server.start()
    browser = StaffBrowser(server.client)
    for attempt in range(3):
        assert browser.sign_in("carla", f"wrong password {attempt}").status == 401
    locked = browser.sign_in("carla")  # the right password no longer helps
    assert locked.status == 429, locked
    assert "Anmeldung gesperrt".encode() in locked.body and "in 15 Minuten erneut".encode() in locked.body
    assert 14 * 60 <= int(locked.header("retry-after")) <= 15 * 60
    assert browser.session is None
    assert StaffBrowser(server.client).sign_in("CARLA").status == 429  # any spelling of the login
    in_english = StaffBrowser(server.client)
    in_english.get("/staff/sign-in?lang=en")
    resp = in_english.sign_in("carla")
    assert resp.status == 429 and b"Login locked" in resp.body and b"try again in 15 minutes" in resp.body
    # Other logins are not affected, and the cookie is Secure when configured.
    create_staff(server, "dora", "agent")
    resp = StaffBrowser(server.client).sign_in("dora")
    assert resp.status == 303
    assert "secure" in set_cookies(resp)["amt_staff"][1]
    assert server.stop() == 0
