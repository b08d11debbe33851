-- Counts replacements of the reference data, so every server on this database sees that the
-- catalog changed (an admin page on another server, `amtstermin import-staff`) and reloads its copy.
CREATE TABLE catalog_version (
  id integer PRIMARY KEY CHECK (id = 1),
  n  bigint NOT NULL
);
INSERT INTO catalog_version (id, n) VALUES (1, 0);
