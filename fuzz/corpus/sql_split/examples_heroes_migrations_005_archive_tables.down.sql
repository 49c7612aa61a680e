-- Undo 005_archive_tables.
DROP TABLE IF EXISTS security_incidents_archive;
DROP TABLE IF EXISTS audit_log_archive;
DROP TABLE IF EXISTS classroom_sessions_archive;
DROP TABLE IF EXISTS student_feedback_archive;
DROP TABLE IF EXISTS student_progress_archive;
DROP TABLE IF EXISTS student_sessions_archive;
