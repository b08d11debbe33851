-- One visitor at a time per desk: a staff member holds at most one ticket in status called or
-- in_service per location and service day, whatever process or server called it (issue #5).
-- Tickets that already break the rule (called twice before this index existed) are resolved the
-- same way every time: the one in service, else the one called last (then the smaller id), stays;
-- the others wait again in their old place, as "put back in the queue" would leave them.
CREATE TEMP TABLE tickets_held_twice AS
SELECT id, appointment_id FROM (
  SELECT id, appointment_id,
         ROW_NUMBER() OVER (PARTITION BY location_id, day, staff_id
                            ORDER BY CASE WHEN status = 'in_service' THEN 0 ELSE 1 END,
                                     COALESCE(called_at, 0) DESC, id) AS place
  FROM tickets WHERE status IN ('called', 'in_service'))
WHERE place > 1;

INSERT INTO ticket_events (ticket_id, action, at, staff_id, room)
SELECT id, 'requeued', CAST(strftime('%s', 'now') AS INTEGER), '', '' FROM tickets_held_twice;

UPDATE appointments SET status = 'checked_in'
WHERE id IN (SELECT appointment_id FROM tickets_held_twice WHERE appointment_id <> '');

UPDATE tickets
SET status = 'waiting', room = '', staff_id = CASE WHEN kind = 'appointment' THEN staff_id ELSE '' END
WHERE id IN (SELECT id FROM tickets_held_twice);

DROP TABLE tickets_held_twice;

CREATE UNIQUE INDEX tickets_one_visitor_per_staff ON tickets (location_id, day, staff_id)
  WHERE status IN ('called', 'in_service');
