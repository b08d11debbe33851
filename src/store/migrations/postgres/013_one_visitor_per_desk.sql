-- One visitor at a time per desk; the same meaning as sqlite/013_one_visitor_per_desk.sql. Two
-- servers calling for one staff member at once: the second insert into this index waits for the
-- first transaction and then fails (unique_violation), and the store runs the loser again, which
-- then finds the ticket the first one called.
CREATE TEMP TABLE tickets_held_twice ON COMMIT DROP AS
SELECT id, appointment_id FROM (
  SELECT id, appointment_id,
         ROW_NUMBER() OVER (PARTITION BY location_id, day, staff_id
                            ORDER BY CASE WHEN status = 'in_service' THEN 0 ELSE 1 END,
                                     COALESCE(called_at, 0) DESC, id COLLATE "C") AS place
  FROM tickets WHERE status IN ('called', 'in_service')) ranked
WHERE place > 1;

INSERT INTO ticket_events (ticket_id, action, at, staff_id, room)
SELECT id, 'requeued', extract(epoch FROM now())::bigint, '', '' FROM tickets_held_twice;

UPDATE appointments SET status = 'checked_in'
WHERE id IN (SELECT appointment_id FROM tickets_held_twice WHERE appointment_id <> '');

UPDATE tickets
SET status = 'waiting', room = '', staff_id = CASE WHEN kind = 'appointment' THEN staff_id ELSE '' END
WHERE id IN (SELECT id FROM tickets_held_twice);

CREATE UNIQUE INDEX tickets_one_visitor_per_staff ON tickets (location_id, day, staff_id)
  WHERE status IN ('called', 'in_service');
