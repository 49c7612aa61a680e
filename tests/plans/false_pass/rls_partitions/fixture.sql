-- RLS enabled and forced on the partitioned parent, none on its partitions; the role holds
-- SELECT on every table of the schema, so it reads other tenants' rows from a partition.
CREATE ROLE fp_part_app;
CREATE TABLE events (id int, tenant text, PRIMARY KEY (id, tenant)) PARTITION BY LIST (tenant);
CREATE TABLE events_a PARTITION OF events FOR VALUES IN ('a');
CREATE TABLE events_b PARTITION OF events FOR VALUES IN ('b');
INSERT INTO events VALUES (1, 'a'), (2, 'a'), (3, 'b');
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY own ON events USING (tenant = current_setting('app.tenant'));
GRANT SELECT ON ALL TABLES IN SCHEMA public TO fp_part_app;
-- Inheritance: a child table with no RLS at all is a way in too.
CREATE TABLE logs (id int PRIMARY KEY, tenant text);
CREATE TABLE logs_old () INHERITS (logs);
INSERT INTO logs VALUES (1, 'a'), (2, 'b');
INSERT INTO logs_old VALUES (3, 'b');
ALTER TABLE logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE logs FORCE ROW LEVEL SECURITY;
CREATE POLICY own ON logs USING (tenant = current_setting('app.tenant'));
GRANT SELECT ON logs, logs_old TO fp_part_app;
