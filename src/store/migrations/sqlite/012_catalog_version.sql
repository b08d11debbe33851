-- Counts replacements of the reference data, so every process on this database file (a running
-- server, `amtstermin import-staff`) sees that the catalog changed and reloads its copy.
CREATE TABLE catalog_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
) STRICT;
INSERT INTO catalog_version (id, n) VALUES (1, 0);
