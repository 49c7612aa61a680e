CREATE TABLE students (
  id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  grade integer NOT NULL CHECK (grade BETWEEN 4 AND 6)
);
INSERT INTO students (grade) VALUES (4), (5), (6);
