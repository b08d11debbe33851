# Every staff route, read from `amtstermin staff-routes`, behind one gate: anonymous requests go to
# sign-in (GET) or get 401 (POST), a role without the route's permission gets 403, the right role
# gets through, and a POST without the form's CSRF token gets 403. A new route without a check fails here.
import pytest

from staff_client import (ROLES, StaffBrowser, concrete, create_staff, is_sign_in_redirect, signed_in,
                          staff_routes)


@pytest.fixture(scope="module")
def routes(server):
    return staff_routes(server)


@pytest.fixture(scope="module")
def accounts(server):
    """One account per role, login = role name."""
    for role in ROLES:
        create_staff(server, role.replace("_", "-"), role)
    return {role: role.replace("_", "-") for role in ROLES}


@pytest.fixture(scope="module")
def browsers(server, accounts):
    """A signed-in browser per role, for the GET checks (POST checks sign in afresh)."""
    return {role: signed_in(server.client, login) for role, login in accounts.items()}


def test_route_table_names_one_permission_per_route_and_covers_the_staff_area(routes):
    keys = [(r["method"], r["path"]) for r in routes]
    assert len(keys) == len(set(keys)), keys
    assert ("GET", "/staff") in keys
    assert ("POST", "/staff/sign-out") in keys
    assert ("POST", "/staff/sign-out-everywhere") in keys
    assert ("GET", "/staff/audit") in keys
    admin_only = {(r["method"], r["path"]): r for r in routes if r["path"].startswith("/staff/admin/account")}
    assert set(admin_only) == {("GET", "/staff/admin/accounts"), ("GET", "/staff/admin/account/{id}"),
                               ("POST", "/staff/admin/account/{id}")}
    assert all(r["permission"] == "administer" and r["roles"] == ["admin"] for r in admin_only.values()), admin_only
    # Deleting a news item: a confirmation page, then the POST that deletes.
    assert ("GET", "/staff/admin/news-item/{id}/delete") in keys
    assert ("POST", "/staff/admin/news-item/{id}/delete") in keys
    for r in routes:
        assert r["path"] == "/staff" or r["path"].startswith("/staff/"), r
        assert r["permission"] in {"own_session", "book_for_caller", "view_queue", "serve_visitors",
                                   "plan_staff", "view_audit_log", "administer"}, r
        assert set(r["roles"]) <= set(ROLES) and r["roles"], r


def test_anonymous_get_goes_to_sign_in_keeping_the_target_and_anonymous_post_gets_401(server, routes):
    anonymous = StaffBrowser(server.client)
    for r in routes:
        path = concrete(r["path"])
        if r["method"] == "GET":
            resp = anonymous.get(path + "?x=1")
            assert is_sign_in_redirect(resp, path + "?x=1"), (r, resp)
        else:
            resp = anonymous.post(path)
            assert resp.status == 401, (r, resp)
            assert "Bitte melden Sie sich an".encode() in resp.body and b"Please sign in" in resp.body


def test_a_forged_or_unknown_session_cookie_is_treated_as_anonymous(server, routes):
    forged = StaffBrowser(server.client)
    forged.cookies["amt_staff"] = "A" * 43
    for r in routes:
        resp = forged.get(concrete(r["path"])) if r["method"] == "GET" else forged.post(concrete(r["path"]))
        assert resp.status in (303, 401), (r, resp)


def test_a_role_without_the_permission_gets_403_in_german_and_english(server, routes, browsers):
    checked = 0
    for r in routes:
        for role in ROLES:
            if role in r["roles"]:
                continue
            browser = browsers[role]
            path = concrete(r["path"])
            resp = browser.get(path) if r["method"] == "GET" else browser.post(path, {"x": "1"})
            assert resp.status == 403, (r, role, resp)
            assert "Nicht erlaubt".encode() in resp.body and b"Not allowed" in resp.body
            checked += 1
    assert checked > 0


def test_a_role_with_the_permission_gets_through(server, routes, accounts, browsers):
    # GET first: signing out everywhere (a POST route) also ends the browsers' sessions.
    for r in sorted(routes, key=lambda r: r["method"] != "GET"):
        for role in r["roles"]:
            path = concrete(r["path"])
            resp = browsers[role].get(path) if r["method"] == "GET" else browsers[role].post(path, {"x": "1"})
            assert resp.status not in (401, 403), (r, role, resp)
            assert not is_sign_in_redirect(resp), (r, role, resp)
            if r["method"] == "POST" and is_sign_in_redirect(browsers[role].get("/staff")):
                browsers[role] = signed_in(server.client, accounts[role])  # that route signed out


def test_post_without_or_with_a_wrong_csrf_token_is_refused_and_changes_nothing(server, routes, accounts):
    other = StaffBrowser(server.client)
    foreign_token = other.fetch_csrf()  # valid, but for another browser's CSRF cookie
    browsers = {}  # one per role: a refused POST must leave its session alive, which is checked
    for r in routes:
        if r["method"] != "POST":
            continue
        role = r["roles"][0]
        if role not in browsers:
            browsers[role] = signed_in(server.client, accounts[role])
        browser = browsers[role]
        own = browser.fetch_csrf()
        for form in ({}, {"csrf": ""}, {"csrf": "0" * 64}, {"csrf": own[:-1] + ("0" if own[-1] != "0" else "1")},
                     {"csrf": foreign_token} if foreign_token != own else {"csrf": "f" * 64}):
            resp = browser.post(concrete(r["path"]), form, csrf=False)
            assert resp.status == 403, (r, form, resp)
        assert browser.get("/staff").status == 200, r  # the session survived: nothing was done
