-- Keyed by (tenant, id): each tenant numbers its rows from 1. The policy leaks tenant b's
-- row 1 to tenant a; a's own row 1 hides the leak from a comparison of `id` values.
CREATE ROLE fp_ck_app;
CREATE TABLE notes (tenant text, id int, body text, PRIMARY KEY (tenant, id));
INSERT INTO notes VALUES ('a', 1, 'a one'), ('a', 2, 'a two'), ('b', 1, 'b one'), ('b', 2, 'b two');
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY own ON notes USING (tenant = current_setting('app.tenant') OR (tenant = 'b' AND id = 1));
GRANT SELECT ON notes TO fp_ck_app;
