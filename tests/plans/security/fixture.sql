-- A multi-tenant school database with planted security faults; security/clean.sql repairs them.
CREATE ROLE sec_teacher NOLOGIN;
CREATE ROLE sec_readonly NOLOGIN;
CREATE ROLE sec_app NOLOGIN;
CREATE TABLE teachers (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL);
CREATE TABLE classes (id int PRIMARY KEY, teacher_id int NOT NULL REFERENCES teachers (id), grade int NOT NULL);
CREATE TABLE progress (
  id int PRIMARY KEY, class_id int NOT NULL REFERENCES classes (id), student_hash text NOT NULL,
  grade int NOT NULL, score int NOT NULL, note text
);
INSERT INTO teachers VALUES (1, 'Ada', 'ada@school.example'), (2, 'Grace', 'grace@school.example'),
                            (3, 'Linus', 'linus@school.example');
INSERT INTO classes VALUES (10, 1, 4), (11, 1, 5), (20, 2, 5), (30, 3, 6);
-- 5 students per class, except class 30 with 3 (a group under k = 5)
INSERT INTO progress
SELECT g, c.id, md5('student' || c.id || '-' || s), c.grade, 50 + g % 50, NULL
FROM classes c, generate_series(1, 5) s, LATERAL (SELECT (c.id * 10 + s) AS g) x
WHERE c.id <> 30 OR s <= 3;
-- an email address in the free-text column of the "anonymous" table
UPDATE progress SET note = 'parent asked to be mailed at mum.of.kid@home.example' WHERE id = 101;

ALTER TABLE classes ENABLE ROW LEVEL SECURITY;
ALTER TABLE classes FORCE ROW LEVEL SECURITY;
ALTER TABLE progress ENABLE ROW LEVEL SECURITY;  -- enabled, but NOT forced
CREATE POLICY teacher_classes ON classes TO sec_teacher
  USING (teacher_id = current_setting('app.teacher_id', true)::int);
-- leaks: teacher 1 also sees teacher 2's class 20
CREATE POLICY teacher_progress ON progress TO sec_teacher
  USING (class_id IN (SELECT id FROM classes WHERE teacher_id = current_setting('app.teacher_id', true)::int)
         OR (current_setting('app.teacher_id', true) = '1' AND class_id = 20))
  WITH CHECK (class_id IN (SELECT id FROM classes WHERE teacher_id = current_setting('app.teacher_id', true)::int));
GRANT SELECT ON classes, progress TO sec_teacher;
GRANT INSERT ON progress TO sec_teacher;
GRANT SELECT ON teachers, classes, progress TO sec_readonly;
GRANT INSERT ON progress TO sec_readonly;  -- the readonly role may write
GRANT SELECT, INSERT, UPDATE, DELETE ON teachers, classes, progress TO sec_app;

-- a view for analysts that exposes the teacher's email
CREATE VIEW class_overview AS
  SELECT c.id, c.grade, t.email AS teacher_email, avg(p.score) AS score
  FROM classes c JOIN teachers t ON t.id = c.teacher_id JOIN progress p ON p.class_id = c.id GROUP BY 1, 2, 3;

-- SECURITY DEFINER without a pinned search_path
CREATE FUNCTION class_count() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS 'SELECT count(*) FROM classes';
