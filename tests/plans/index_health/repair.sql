-- After clean.sql, what cannot run in a transaction ("autocommit": true): vacuum the dead
-- tuples away, and scan the index that the repaired schema keeps.
VACUUM events;
ANALYZE;
SET enable_seqscan = off;
SELECT count(*) FROM accounts WHERE region = 'eu' AND created_at > '2026-02-01';
RESET enable_seqscan;
SELECT pg_stat_force_next_flush();
SELECT 1;
