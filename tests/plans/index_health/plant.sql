-- What cannot run in fixture.sql's transaction, one statement at a time ("autocommit": true):
-- an index scan, a bloated index (VACUUM after deleting 90% of the rows on every page), then
-- 30% dead tuples in events. expected.json then waits for the statistics to show them.
SET enable_seqscan = off;
SELECT count(*) FROM orders WHERE placed_at > '2026-01-05';
RESET enable_seqscan;
DELETE FROM readings WHERE id % 10 <> 0;
-- pgcertify's backend reads the shared statistics: push this session's pending counters, so
-- that VACUUM's report is not followed by the DELETE's.
SELECT pg_stat_force_next_flush();
SELECT 1;
VACUUM readings;
ANALYZE;
DELETE FROM events WHERE id % 10 < 3;
SELECT pg_stat_force_next_flush();
SELECT 1;
