# An admin links a staff account (its sign-in) to the staff member in the plans, or unlinks it, on
# the admin pages, on both backends: the list shows who belongs to whom, the change is audited,
# and a staff member already linked to another account is refused with that account named.
# Access rules and CSRF for these routes: test_staff_routes.py.
import html

import pytest

from staff_client import create_staff, signed_in


@pytest.fixture(scope="module")
def admin(server):
    create_staff(server, "lina.admin", "admin")
    create_staff(server, "carl.case", "caseworker", location="")
    create_staff(server, "cora.case", "caseworker", location="")
    return signed_in(server.client, "lina.admin")


def account(server, login):
    """id, staff_id, location_id of the account with this login."""
    with server.connect_db() as db:
        return tuple(str(v) for v in db.execute(
            f"SELECT id, staff_id, location_id FROM staff_accounts WHERE login = '{login}'").fetchone())


def link_audit(server, account_id):
    with server.connect_db() as db:
        return [tuple(r) for r in db.execute(
            "SELECT account_login, action, detail FROM audit_log WHERE subject_type = 'staff_account'"
            f" AND subject_id = '{account_id}' AND action LIKE 'staff_account.%link' ORDER BY id").fetchall()]


def test_an_admin_links_an_account_to_a_staff_member_and_the_list_shows_it(server, admin):
    carl_id, staff_id, location = account(server, "carl.case")
    assert (staff_id, location) == ("", "")
    page = admin.get(f"/staff/admin/account/{carl_id}")
    assert page.status == 200 and b'<option value="staff-03">' in page.body
    saved = admin.post(f"/staff/admin/account/{carl_id}", {"staff_id": "staff-03"})
    assert saved.status == 303 and saved.header("location") == f"/staff/admin/account/{carl_id}?saved=1"
    assert account(server, "carl.case")[1:] == ("staff-03", "mainz")  # the caseworker now sees Mainz
    shown = admin.get(saved.header("location"))
    assert "Gespeichert".encode() in shown.body and b'selected>' in shown.body
    listing = admin.get("/staff/admin/accounts").body.decode()
    row = next(line for line in listing.splitlines() if ">carl.case</a>" in line)
    assert "Mainz" in row and "nicht zugeordnet" not in row
    assert link_audit(server, carl_id) == [("lina.admin", "staff_account.link",
                                           "staff member none -> staff-03, location none -> mainz")]


def test_a_staff_member_linked_to_another_account_is_refused_naming_that_account(server, admin):
    cora_id = account(server, "cora.case")[0]
    carl_id = account(server, "carl.case")[0]
    if account(server, "carl.case")[1] != "staff-03":
        assert admin.post(f"/staff/admin/account/{carl_id}", {"staff_id": "staff-03"}).status == 303
    page = admin.get(f"/staff/admin/account/{cora_id}")
    assert "zugeordnet zu carl.case".encode() in page.body  # the choice says who has it
    refused = admin.post(f"/staff/admin/account/{cora_id}", {"staff_id": "staff-03"})
    assert refused.status == 422
    assert "Diese Person ist schon dem Mitarbeiterkonto carl.case zugeordnet".encode() in refused.body
    assert b'id="staff_id-error"' in refused.body and b'aria-invalid="true"' in refused.body
    english = admin.post(f"/staff/admin/account/{cora_id}?lang=en", {"staff_id": "staff-03"})
    assert english.status == 422
    assert b"This staff member is already linked to the account carl.case." in english.body
    assert account(server, "cora.case")[1] == "" and link_audit(server, cora_id) == []


def test_unlinking_frees_the_staff_member_for_another_account(server, admin):
    carl_id = account(server, "carl.case")[0]
    cora_id = account(server, "cora.case")[0]
    if account(server, "carl.case")[1] != "staff-03":
        assert admin.post(f"/staff/admin/account/{carl_id}", {"staff_id": "staff-03"}).status == 303
    page = admin.get(f"/staff/admin/account/{carl_id}")
    assert b'id="unlink"' in page.body
    assert admin.post(f"/staff/admin/account/{carl_id}", {"staff_id": ""}).status == 303
    assert account(server, "carl.case")[1] == ""
    assert link_audit(server, carl_id)[-1][:2] == ("lina.admin", "staff_account.unlink")
    assert b'id="unlink"' not in admin.get(f"/staff/admin/account/{carl_id}").body
    assert admin.post(f"/staff/admin/account/{cora_id}", {"staff_id": "staff-03"}).status == 303
    assert account(server, "cora.case")[1] == "staff-03"


def test_an_unknown_staff_member_or_account_changes_nothing(server, admin):
    carl_id, before, _ = account(server, "carl.case")
    unknown = admin.post(f"/staff/admin/account/{carl_id}?lang=de", {"staff_id": "<nobody>"})
    assert unknown.status == 422 and "Bitte wählen Sie einen vorhandenen Eintrag".encode() in unknown.body
    assert b"<nobody>" not in unknown.body
    assert account(server, "carl.case")[1] == before
    assert admin.post("/staff/admin/account/no-such-account", {"staff_id": "staff-04"}).status == 404
    assert admin.get("/staff/admin/account/no-such-account").status == 404
    listing = admin.get("/staff/admin/accounts?lang=en")
    assert listing.status == 200 and b"Staff accounts" in listing.body
    assert html.escape("lina.admin").encode() in listing.body
