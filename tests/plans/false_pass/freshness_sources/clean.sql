-- Repairs every fault fixture.sql planted: each source writes again.
INSERT INTO readings VALUES (20, 'apac', now() - interval '10 minutes');
INSERT INTO ingest."Readings" VALUES (3, (now() - interval '10 minutes') AT TIME ZONE 'UTC');
UPDATE devices SET synced_at = now() - interval '1 hour' WHERE id = 2;
UPDATE mirrors SET synced_at = now() - interval '1 hour' WHERE id = 1;
