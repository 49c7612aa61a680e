-- Rows out of time order that a real database can hold, each counted in plan.yaml's comments.
-- The counts do not depend on the session's TimeZone (every comparison is between instants);
-- UTC pins how the samples print their times.
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'UTC'); END $$;

-- 1. Future timestamps (a client's clock, a placeholder): created_at after the server's now().
--    Tomorrow, 2099 and 'infinity' break `created_at <= now()`: 3 of 8; NULL does not.
CREATE TABLE events (id int PRIMARY KEY, created_at timestamptz);
INSERT INTO events SELECT g, now() - g * interval '1 hour' FROM generate_series(1, 4) g;
INSERT INTO events VALUES (5, now() + interval '1 day'), (6, '2099-01-01 00:00+00'), (7, 'infinity'), (8, NULL);

-- 2. A warehouse writes its local (Asia/Tokyo, UTC+9) wall-clock time into a timestamp without
--    time zone; orders are placed in timestamptz. 10:00 in Tokyo is 01:00 UTC: shipped before
--    an order placed at 05:00 UTC, although 10:00 > 05:00 as naive times. 2 such rows, 1 more
--    in an inheritance child (3 of 6); shipped at the very instant it was placed is in order;
--    not shipped yet (NULL) is not out of order.
CREATE TABLE shipments (id int PRIMARY KEY, placed_at timestamptz, shipped_local timestamp);
INSERT INTO shipments VALUES
  (1, '2024-06-01 05:00+00', '2024-06-01 10:00'),   -- 01:00 UTC: out of order
  (2, '2024-06-01 05:00+00', '2024-06-01 13:59'),   -- 04:59 UTC: out of order
  (3, '2024-06-01 05:00+00', '2024-06-01 14:00'),   -- 05:00 UTC: the same instant, in order
  (4, '2024-06-01 05:00+00', '2024-06-02 09:00'),   -- the next day, in order
  (5, '2024-06-01 05:00+00', NULL);
CREATE TABLE shipments_2023 () INHERITS (shipments);
INSERT INTO shipments_2023 VALUES (6, '2023-12-31 23:30+00', '2024-01-01 08:00');  -- 2023-12-31 23:00 UTC

-- 3. Tasks started before their project was created, across a join, outside public, with
--    quoted mixed-case names, in a partitioned table: 1 in each partition (2 of 5 joined); the
--    task of a project that does not exist is not joined, so not in scope; NULL started_at is
--    not out of order.
CREATE SCHEMA ops;
CREATE TABLE ops."Projects" ("Id" int PRIMARY KEY, "CreatedAt" timestamptz NOT NULL);
INSERT INTO ops."Projects" VALUES (1, '2024-01-10 00:00+00'), (2, '2024-02-10 00:00+00');
CREATE TABLE ops.tasks (id int, project_id int, status text, started_at timestamptz) PARTITION BY LIST (status);
CREATE TABLE ops.tasks_open PARTITION OF ops.tasks FOR VALUES IN ('open');
CREATE TABLE ops.tasks_done PARTITION OF ops.tasks FOR VALUES IN ('done');
INSERT INTO ops.tasks VALUES
  (1, 1, 'open', '2024-01-11 00:00+00'),
  (2, 1, 'open', '2024-01-09 23:59+00'),   -- before project 1
  (3, 2, 'done', '2024-02-01 00:00+00'),   -- before project 2
  (4, 2, 'done', '2024-02-10 00:00+00'),   -- the same instant, in order
  (5, 2, 'open', NULL),
  (6, 3, 'done', '2000-01-01 00:00+00');   -- project 3 does not exist: not joined
