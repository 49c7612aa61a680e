-- Repairs every fault security/fixture.sql planted.
ALTER TABLE progress FORCE ROW LEVEL SECURITY;
DROP POLICY teacher_progress ON progress;
CREATE POLICY teacher_progress ON progress TO sec_teacher
  USING (class_id IN (SELECT id FROM classes WHERE teacher_id = current_setting('app.teacher_id', true)::int))
  WITH CHECK (class_id IN (SELECT id FROM classes WHERE teacher_id = current_setting('app.teacher_id', true)::int));
REVOKE INSERT ON progress FROM sec_readonly;
DROP VIEW class_overview;
CREATE VIEW class_overview AS
  SELECT c.id, c.grade, t.id AS teacher_id, avg(p.score) AS score
  FROM classes c JOIN teachers t ON t.id = c.teacher_id JOIN progress p ON p.class_id = c.id GROUP BY 1, 2, 3;
UPDATE progress SET note = NULL WHERE id = 101;
INSERT INTO progress SELECT 300 + s, 30, md5('student30-x' || s), 6, 70, NULL FROM generate_series(4, 5) s;
ALTER FUNCTION class_count() SET search_path = public, pg_temp;
