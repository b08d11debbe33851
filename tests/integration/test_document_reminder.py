# The reminder about missing documents (issue #7) is queued in the outbox even when no mail server
# is configured: the outbox holds it until a sender exists. On both backends, with the server
# restarted at a later "now" as the days pass.
import time

from amt import AmtServer, booking_body, fresh_database, free_slot, unique_email, wait_until

APPOINTMENT_DAY = "2027-03-12"     # a Friday; two working days before is Wednesday the 10th
DEADLINE = "2027-03-10T07:00:00Z"  # Wednesday 08:00 in Mainz


def reminders(server, appointment_id):
    with server.connect_db() as db:
        return db.execute("SELECT channel, status FROM outbox WHERE kind = 'documents_reminder'"
                          f" AND appointment_id = '{appointment_id}'").fetchall()


def test_reminder_is_queued_without_a_mail_server_and_only_once_the_deadline_has_come(binary, backend, tmp_path):
    server = AmtServer(binary, tmp_path / "reminder", database_url=fresh_database(backend)).prepare().start()
    try:
        slot = free_slot(server.client, APPOINTMENT_DAY)
        resp = server.client.post("/api/v1/bookings", booking_body(slot["start"], email=unique_email("remind")))
        assert resp.status == 201, resp
        with server.connect_db() as db:
            appointment_id = db.execute(f"SELECT id FROM appointments WHERE code = '{resp.json['code']}'").fetchone()[0]
        time.sleep(1.5)  # the reminder pass runs at start and has had its chance: too early on Monday
        assert reminders(server, appointment_id) == []
        assert server.stop() == 0

        server.extra_env["AMTSTERMIN_CLOCK_NOW"] = DEADLINE  # Wednesday: the documents are still missing
        server.start()
        queued = wait_until(lambda: reminders(server, appointment_id), lambda: f"the reminder\n{server.log_tail()}", 15)
        assert queued == [("email", "pending")], server.log_tail()
        assert "mail delivery is off" in server.log_tail()

        assert server.stop() == 0  # and a second start on the same day queues no second reminder
        server.start()
        time.sleep(1.5)
        assert reminders(server, appointment_id) == [("email", "pending")]
    finally:
        server.stop()
