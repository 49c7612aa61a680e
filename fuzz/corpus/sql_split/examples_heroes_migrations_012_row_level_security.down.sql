-- Undo 012_row_level_security.
DROP POLICY IF EXISTS behavioral_analytics_read_access ON behavioral_analytics;
DROP POLICY IF EXISTS behavioral_analytics_application_access ON behavioral_analytics;
DROP POLICY IF EXISTS behavioral_analytics_facilitator_isolation ON behavioral_analytics;
DROP POLICY IF EXISTS student_sessions_read_access ON student_sessions;
DROP POLICY IF EXISTS student_sessions_application_access ON student_sessions;
DROP POLICY IF EXISTS student_sessions_facilitator_isolation ON student_sessions;
DROP POLICY IF EXISTS classrooms_read_access ON classrooms;
DROP POLICY IF EXISTS classrooms_application_access ON classrooms;
DROP POLICY IF EXISTS classrooms_facilitator_isolation ON classrooms;
ALTER TABLE behavioral_analytics NO FORCE ROW LEVEL SECURITY;
ALTER TABLE behavioral_analytics DISABLE ROW LEVEL SECURITY;
ALTER TABLE student_sessions NO FORCE ROW LEVEL SECURITY;
ALTER TABLE student_sessions DISABLE ROW LEVEL SECURITY;
ALTER TABLE classrooms NO FORCE ROW LEVEL SECURITY;
ALTER TABLE classrooms DISABLE ROW LEVEL SECURITY;
DROP FUNCTION IF EXISTS current_facilitator_id();
