-- Tables that are not fresh although something in them (or beside them) is.
-- UTC, so that the timestamp without time zone below reads as the UTC it was written in.
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'UTC'); END $$;
-- 1. One table for every source: eu writes every hour, apac stopped 3 days ago. The table's
--    newest row is fresh; apac's is not.
CREATE TABLE readings (id int PRIMARY KEY, source text NOT NULL, taken_at timestamptz);
INSERT INTO readings SELECT g, 'eu', now() - g * interval '1 hour' FROM generate_series(1, 5) g;
INSERT INTO readings SELECT 10 + g, 'apac', now() - interval '3 days' - g * interval '1 hour' FROM generate_series(1, 5) g;

-- 2. The same name in another schema, quoted and mixed case (as an ORM writes it): ingest's
--    "Readings" stopped 2 days ago while public.readings above is fresh.
CREATE SCHEMA ingest;
CREATE TABLE ingest."Readings" ("Id" int PRIMARY KEY, "TakenAt" timestamp);
INSERT INTO ingest."Readings" VALUES (1, (now() - interval '2 days') AT TIME ZONE 'UTC'), (2, (now() - interval '9 days') AT TIME ZONE 'UTC');

-- 3. Rows whose time was never written: 3 rows, every synced_at NULL.
CREATE TABLE devices (id int PRIMARY KEY, synced_at timestamptz);
INSERT INTO devices VALUES (1, NULL), (2, NULL), (3, NULL);

-- 4. '-infinity' as "never synced", on every row.
CREATE TABLE mirrors (id int PRIMARY KEY, synced_at timestamptz);
INSERT INTO mirrors VALUES (1, '-infinity'), (2, '-infinity');
