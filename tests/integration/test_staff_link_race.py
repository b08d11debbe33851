# One staff account per staff member, held by the database (migration 018) across two servers on
# one PostgreSQL database: two admins linking two accounts to one person at the same moment, each
# on another server, leave exactly one link, and so do two `create-staff --staff` at once, which
# until then could both pass their read-before-write check.
import pytest

from concurrent_calls import at_once
from staff_client import create_staff, run_create_staff, signed_in


@pytest.fixture(scope="module")
def backend():
    """Only PostgreSQL lets two servers share one database."""
    return "postgres"


def accounts_of(server, staff_id):
    with server.connect_db() as db:
        return [row[0] for row in db.execute(
            f"SELECT login FROM staff_accounts WHERE staff_id = '{staff_id}' ORDER BY login").fetchall()]


def account(server, login):
    """id, staff_id of the account with this login."""
    with server.connect_db() as db:
        return tuple(db.execute(f"SELECT id, staff_id FROM staff_accounts WHERE login = '{login}'").fetchone())


def test_two_admins_on_two_servers_linking_one_staff_member_at_once_leave_one_link(two_servers):
    a, b = two_servers
    for login, roles in (("admin.a", "admin"), ("admin.b", "admin"), ("carl.case", "caseworker"),
                         ("cora.case", "caseworker")):
        create_staff(a, login, roles, location="")
    admins = [signed_in(a.client, "admin.a"), signed_in(b.client, "admin.b")]
    tokens = [admin.fetch_csrf() for admin in admins]
    logins = ("carl.case", "cora.case")
    ids = [account(a, login)[0] for login in logins]
    for staff_id in ("staff-05", "staff-06", "staff-07", "staff-08", "staff-09"):
        before = [account(a, login)[1] for login in logins]
        answers = at_once(*[
            lambda k=k: admins[k].post(f"/staff/admin/account/{ids[k]}?lang=en",
                                       {"staff_id": staff_id, "csrf": tokens[k]})
            for k in (0, 1)])
        assert sorted(r.status for r in answers) == [303, 422], [(r.status, r.body[:300]) for r in answers]
        winner = 0 if answers[0].status == 303 else 1
        holder = logins[winner]
        assert accounts_of(a, staff_id) == [holder]
        assert account(a, logins[1 - winner])[1] == before[1 - winner]  # the other stays where it was
        refused = answers[1 - winner].body
        assert f"This staff member is already linked to the account {holder}.".encode() in refused
        assert f'<option value="{staff_id}" selected'.encode() in refused  # the choice is kept


def test_two_create_staff_for_one_staff_member_at_once_create_one_account(two_servers):
    a, b = two_servers
    for round_no, staff_id in enumerate(("staff-10", "staff-11", "staff-12")):
        results = at_once(*[
            lambda server=server, k=k: run_create_staff(server, f"person{round_no}.{k}", "caseworker",
                                                        staff=staff_id)
            for k, server in enumerate((a, b))])
        codes = sorted(r.returncode for r in results)
        assert codes == [0, 2], [(r.returncode, r.stderr[-300:]) for r in results]
        winner = [r.returncode for r in results].index(0)
        assert accounts_of(a, staff_id) == [f"person{round_no}.{winner}"]
        assert f"already linked to the account person{round_no}.{winner}".encode() in results[1 - winner].stderr
