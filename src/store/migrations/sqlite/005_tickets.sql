-- Tickets (Wartemarken) of the waiting queue on site and every change to them, so waiting times
-- can be reported and the queue survives a restart. Instants are INTEGER unix seconds (UTC).
-- Like appointments, tickets have no foreign keys to reference data (see 001).
CREATE TABLE tickets (
  id                TEXT PRIMARY KEY,
  location_id       TEXT NOT NULL,
  day               TEXT NOT NULL,  -- local service day YYYY-MM-DD
  number            TEXT NOT NULL,  -- what the display shows
  kind              TEXT NOT NULL CHECK (kind IN ('emergency', 'appointment', 'walk_in')),
  status            TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'in_service', 'done',
                                                    'no_show', 'cancelled')),
  issued_at         INTEGER NOT NULL,
  appointment_id    TEXT NOT NULL,  -- '' unless an appointment ticket
  appointment_start INTEGER,        -- NULL unless an appointment ticket
  staff_id          TEXT NOT NULL,  -- '' while anyone qualified may call it
  service_id        TEXT NOT NULL,  -- '' for emergencies
  room              TEXT NOT NULL,  -- '' while waiting
  called_at         INTEGER,        -- the last call or recall
  request_id        TEXT UNIQUE,    -- the kiosk's request id: a retried tap finds its ticket
  UNIQUE (location_id, day, number)
) STRICT;
CREATE INDEX tickets_by_location ON tickets (location_id, issued_at);

CREATE TABLE ticket_events (
  id        INTEGER PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  action    TEXT NOT NULL CHECK (action IN ('issued', 'called', 'recalled', 'no_show', 'requeued',
                                            'started', 'finished', 'transferred', 'cancelled')),
  at        INTEGER NOT NULL,
  staff_id  TEXT NOT NULL,
  room      TEXT NOT NULL
) STRICT;
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);
