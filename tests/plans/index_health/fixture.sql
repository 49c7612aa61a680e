-- index_health fixture: one planted finding of each kind, on tables named after it.
-- The test then scans orders_placed_at_idx, bloats readings and deletes from events
-- (VACUUM cannot run in this script's transaction).

CREATE TABLE parents (id int PRIMARY KEY, code text NOT NULL UNIQUE);
INSERT INTO parents SELECT g, 'p' || g FROM generate_series(1, 50) g;

-- A foreign key led by an index: neither an fk_without_index nor an unused finding.
CREATE TABLE children (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parents (id), note text);
CREATE INDEX children_parent_idx ON children (parent_id, note);
INSERT INTO children SELECT g, 1 + g % 50, 'n' || g FROM generate_series(1, 200) g;

-- A foreign key with no index, an index the test uses and one nobody uses.
CREATE TABLE orders (
    id         int PRIMARY KEY,
    parent_id  int REFERENCES parents (id),
    placed_at  timestamptz NOT NULL,
    status     text NOT NULL
);
INSERT INTO orders SELECT g, 1 + g % 50, timestamptz '2026-01-01' + g * interval '1 hour', (array['new', 'paid', 'sent'])[1 + g % 3]
FROM generate_series(1, 300) g;
CREATE INDEX orders_placed_at_idx ON orders (placed_at);
CREATE INDEX orders_status_idx ON orders (status);

-- A duplicate of a unique index and a prefix of a wider index.
CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL, region text NOT NULL, created_at timestamptz NOT NULL);
INSERT INTO accounts SELECT g, 'user' || g || '@example.com', (array['eu', 'us'])[1 + g % 2], timestamptz '2026-01-01' + g * interval '1 day'
FROM generate_series(1, 200) g;
CREATE UNIQUE INDEX accounts_email_key ON accounts (email);
CREATE INDEX accounts_email_idx ON accounts (email);
CREATE INDEX accounts_region_idx ON accounts (region);
CREATE INDEX accounts_region_created_idx ON accounts (region, created_at);

-- Dead tuples (the test deletes 30% of the rows; autovacuum may not clean them up).
CREATE TABLE events (id int PRIMARY KEY, payload text NOT NULL) WITH (autovacuum_enabled = false);
INSERT INTO events SELECT g, repeat('x', 40) FROM generate_series(1, 1000) g;

-- A bloated index (the test deletes 90% of the rows spread over every page, then VACUUMs).
CREATE TABLE readings (id int PRIMARY KEY, v int NOT NULL) WITH (autovacuum_enabled = false);
INSERT INTO readings SELECT g, g FROM generate_series(1, 20000) g;
CREATE INDEX readings_v_idx ON readings (v);
