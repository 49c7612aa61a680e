-- A clerk with column grants only: SELECT (ssn) and UPDATE (note). has_table_privilege is
-- false for both, but the clerk reads every SSN and updates every row's note.
CREATE ROLE fp_colgrant_clerk;
CREATE TABLE people (id int PRIMARY KEY, name text, ssn text, note text);
INSERT INTO people VALUES (1, 'Ada', '078-05-1120', 'x');
GRANT SELECT (ssn) ON people TO fp_colgrant_clerk;
GRANT UPDATE (note) ON people TO fp_colgrant_clerk;
-- A reader granted SELECT on every column one by one is a full reader.
CREATE ROLE fp_colgrant_reader;
GRANT SELECT (id, name, ssn, note) ON people TO fp_colgrant_reader;
