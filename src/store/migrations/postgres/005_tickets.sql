-- Tickets (Wartemarken) of the waiting queue on site and every change to them; the same meaning
-- as sqlite/005_tickets.sql. The unique constraints make two servers that pick the same number or
-- request id at once conflict, and the store runs the loser again.
CREATE TABLE tickets (
  id                text PRIMARY KEY,
  location_id       text NOT NULL,
  day               text NOT NULL,
  number            text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('emergency', 'appointment', 'walk_in')),
  status            text NOT NULL CHECK (status IN ('waiting', 'called', 'in_service', 'done',
                                                    'no_show', 'cancelled')),
  issued_at         bigint NOT NULL,
  appointment_id    text NOT NULL,
  appointment_start bigint,
  staff_id          text NOT NULL,
  service_id        text NOT NULL,
  room              text NOT NULL,
  called_at         bigint,
  request_id        text UNIQUE,
  UNIQUE (location_id, day, number)
);
CREATE INDEX tickets_by_location ON tickets (location_id, issued_at);

CREATE TABLE ticket_events (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  action    text NOT NULL CHECK (action IN ('issued', 'called', 'recalled', 'no_show', 'requeued',
                                            'started', 'finished', 'transferred', 'cancelled')),
  at        bigint NOT NULL,
  staff_id  text NOT NULL,
  room      text NOT NULL
);
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);
