-- 012_row_level_security: facilitator data isolation (seed 000 section 4.1,
-- seed 002 "Row Level Security (RLS) Policies").
-- A facilitator session identifies itself with
--     SET app.current_user_id = '<facilitator uuid>';
-- and, as facilitator_role, sees and changes only the classrooms it owns,
-- the student sessions of those classrooms, and reads only their
-- behavioral_analytics rows.  RLS is ENABLEd and FORCEd on the three tables,
-- so it applies to the table owner too; superusers and BYPASSRLS roles are
-- exempt (PostgreSQL rule), which is how maintenance and backups run.
-- Every other group role gets an explicit policy (without one it would see
-- no rows at all); what it may touch is still bounded by 011's grants.

-- The facilitator of the current session, or NULL when app.current_user_id
-- is unset, empty or not a UUID (then a facilitator sees nothing).
CREATE FUNCTION current_facilitator_id()
RETURNS UUID
LANGUAGE sql
STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
               WHEN s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN s::uuid
           END
    FROM (SELECT current_setting('app.current_user_id', true) AS s) AS t
$$;

ALTER TABLE classrooms ENABLE ROW LEVEL SECURITY;
ALTER TABLE classrooms FORCE ROW LEVEL SECURITY;
ALTER TABLE student_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE student_sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE behavioral_analytics ENABLE ROW LEVEL SECURITY;
ALTER TABLE behavioral_analytics FORCE ROW LEVEL SECURITY;

-- classrooms
CREATE POLICY classrooms_facilitator_isolation ON classrooms
    FOR ALL TO facilitator_role
    USING (facilitator_id = current_facilitator_id())
    WITH CHECK (facilitator_id = current_facilitator_id());
CREATE POLICY classrooms_application_access ON classrooms
    FOR ALL TO application_role
    USING (true) WITH CHECK (true);
CREATE POLICY classrooms_read_access ON classrooms
    FOR SELECT TO readonly_role, backup_role, analytics_role
    USING (true);

-- student_sessions
CREATE POLICY student_sessions_facilitator_isolation ON student_sessions
    FOR ALL TO facilitator_role
    USING (classroom_id IN (SELECT c.id FROM classrooms c WHERE c.facilitator_id = current_facilitator_id()))
    WITH CHECK (classroom_id IN (SELECT c.id FROM classrooms c WHERE c.facilitator_id = current_facilitator_id()));
CREATE POLICY student_sessions_application_access ON student_sessions
    FOR ALL TO application_role
    USING (true) WITH CHECK (true);
CREATE POLICY student_sessions_read_access ON student_sessions
    FOR SELECT TO readonly_role, backup_role, analytics_role
    USING (true);

-- behavioral_analytics
CREATE POLICY behavioral_analytics_facilitator_isolation ON behavioral_analytics
    FOR SELECT TO facilitator_role
    USING (classroom_id IN (SELECT c.id FROM classrooms c WHERE c.facilitator_id = current_facilitator_id()));
CREATE POLICY behavioral_analytics_application_access ON behavioral_analytics
    FOR ALL TO application_role
    USING (true) WITH CHECK (true);
CREATE POLICY behavioral_analytics_read_access ON behavioral_analytics
    FOR SELECT TO readonly_role, backup_role, analytics_role
    USING (true);
