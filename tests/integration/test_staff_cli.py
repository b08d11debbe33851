# `amtstermin create-admin` and `create-staff`: accounts from the command line, the password from
# stdin, never a default one, one account per staff member.
import subprocess

from staff_client import run_create_staff


def create_admin(server, password, login="chefin"):
    return subprocess.run([server.binary, "create-admin", "--login", login, "--name", "Chefin"],
                          cwd=server.workdir, env=server.env(), input=password.encode() + b"\n",
                          capture_output=True, timeout=60)


def audit_actions(server):
    with server.connect_db() as db:
        return [row[0] for row in db.execute("SELECT action FROM audit_log ORDER BY id").fetchall()]


def test_create_admin_refuses_weak_passwords_and_creates_once(make_server):
    server = make_server().prepare()
    for weak in ["", "kurz", "chefin-passwort-2027", "xxxxxxxxxxxxxxxx"]:
        result = create_admin(server, weak)
        assert result.returncode == 2, weak
        assert b"password" in result.stderr
    created = create_admin(server, "Lange sichere Passphrase 7")
    assert created.returncode == 0, created.stderr.decode(errors="replace")
    again = create_admin(server, "Noch eine lange Passphrase", login="CHEFIN")
    assert again.returncode == 2
    assert b"already in use" in again.stderr
    with server.connect_db() as db:
        rows = db.execute("SELECT login, roles, password_hash FROM staff_accounts").fetchall()
    assert len(rows) == 1
    login, roles, password_hash = rows[0]
    assert (login, roles) == ("chefin", "admin")
    # libsodium's "interactive" cost: 64 MiB, two passes (the other tests' accounts use the minimum).
    assert password_hash.startswith("$argon2id$v=19$m=65536,t=2,p=1$") and "Passphrase" not in password_hash
    assert audit_actions(server) == ["staff_account.create"]


def test_create_staff_refuses_a_staff_member_another_account_already_has(make_server):
    server = make_server().prepare()
    first = run_create_staff(server, "erste.person", "caseworker", staff="staff-01")
    assert first.returncode == 0, first.stderr.decode(errors="replace")
    second = run_create_staff(server, "zweite.person", "caseworker", staff="staff-01")
    assert second.returncode == 2
    assert b"already linked to the account erste.person" in second.stderr
    with server.connect_db() as db:
        rows = db.execute("SELECT login FROM staff_accounts WHERE staff_id = 'staff-01'").fetchall()
    assert rows == [("erste.person",)]
