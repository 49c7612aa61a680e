-- Undo 002_core_schema (dependents first). Triggers and indexes go with
-- their tables.
DROP TABLE IF EXISTS classroom_sessions;
DROP TABLE IF EXISTS student_feedback;
DROP TABLE IF EXISTS student_progress;
DROP TABLE IF EXISTS lesson_content;
DROP TABLE IF EXISTS lessons;
DROP TABLE IF EXISTS student_sessions;
DROP TABLE IF EXISTS classrooms;
DROP TABLE IF EXISTS facilitator_sessions;
DROP TABLE IF EXISTS facilitators;
DROP FUNCTION IF EXISTS validate_password_complexity();
DROP FUNCTION IF EXISTS set_updated_at();
