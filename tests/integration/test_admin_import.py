# The staff CSV import from the command line (amtstermin import-staff), on both backends: the dry
# run names every refused row, a bad file writes nothing, a good one adds bookable capacity.
import subprocess

from amt import slots, wait_until

HEADER = "id;location;name;team;room;skills;deputies;mon;tue;wed;thu;fri;sat;sun\n"
DAY = "08:00-16:00 Pause 12:00-12:30"
GOOD_ROW = f"staff-41;mainz;Eva Neumann;Leistung 3;A.141;first-application;staff-01;{DAY};{DAY};{DAY};{DAY};{DAY};;\n"


def run_import(srv, csv_text, *flags):
    path = srv.workdir / "staff.csv"
    path.write_text(csv_text, encoding="utf-8")
    return subprocess.run([srv.binary, "import-staff", str(path), *flags], cwd=srv.workdir, env=srv.env(),
                          capture_output=True, text=True, timeout=60)


def staff_count(srv):
    with srv.connect_db() as db:
        return db.execute("SELECT count(*) FROM staff").fetchone()[0]


def test_dry_run_names_every_refused_row_and_writes_nothing(make_server):
    srv = make_server().prepare()
    before = staff_count(srv)
    bad = HEADER + GOOD_ROW + "staff-42;mainz;;T;R;no-such-service;;8-16;;;;;;\n" + "staff-43;mainz;Nur drei Zellen\n"
    result = run_import(srv, bad, "--dry-run")
    assert result.returncode == 1, result
    assert "line 3, name:" in result.stdout
    assert "line 3, skills:" in result.stdout
    assert "line 3, mon:" in result.stdout
    assert "line 4:" in result.stdout and "[columns]" in result.stdout
    assert "line 2" not in result.stdout
    applied = run_import(srv, bad)
    assert applied.returncode == 1, applied
    assert "Nothing written" in applied.stdout
    assert staff_count(srv) == before


def test_import_adds_a_person_whose_capacity_citizens_can_book(make_server):
    srv = make_server().prepare()
    srv.start()
    day = "2027-03-16"
    before = {s["start"]: s["capacity"] for s in slots(srv.client, frm=day)}
    srv.stop()
    dry = run_import(srv, HEADER + GOOD_ROW, "--dry-run")
    assert dry.returncode == 0, dry
    assert "1 new, 0 changed" in dry.stdout and "Dry run" in dry.stdout
    done = run_import(srv, HEADER + GOOD_ROW)
    assert done.returncode == 0, done
    assert "Written." in done.stdout
    with srv.connect_db() as db:
        row = db.execute("SELECT name, team FROM staff WHERE id = 'staff-41'").fetchone()
        assert tuple(row) == ("Eva Neumann", "Leistung 3")
        audit = db.execute("SELECT account_login FROM audit_log WHERE action = 'catalog.staff.import'").fetchall()
        assert [tuple(a) for a in audit] == [("command line",)]
    srv.start()
    after = {s["start"]: s["capacity"] for s in slots(srv.client, frm=day)}
    nine = next(start for start in before if "T09:00:00" in start)
    assert after[nine] == before[nine] + 1
    assert srv.stop() == 0


def test_a_running_server_offers_the_imported_capacity_within_seconds_without_a_restart(make_server):
    srv = make_server().prepare()
    srv.start()
    day = "2027-03-16"
    before = {s["start"]: s["capacity"] for s in slots(srv.client, frm=day)}
    nine = next(start for start in before if "T09:00:00" in start)
    done = run_import(srv, HEADER + GOOD_ROW)  # another process, writing to the server's database
    assert done.returncode == 0, done
    capacity = wait_until(lambda: {s["start"]: s["capacity"] for s in slots(srv.client, frm=day)}[nine],
                          "the imported person's capacity", 5, holds=lambda c: c != before[nine], interval=0.1)
    assert capacity == before[nine] + 1
    assert srv.stop() == 0
