-- 010_roles: the five NOLOGIN group roles of seeds 000/002.  Roles are
-- cluster-wide, so creation is idempotent: a role that already exists is
-- left untouched.  A role created here is tagged with a comment naming this
-- database, so that 010_roles.down.sql, run in this database, drops only
-- roles that this migration created here.
-- Login users (heroes_app, heroes_backup, heroes_analytics in seed 002) hold
-- passwords and are created at deployment time, not here.
DO $$
DECLARE
    v_role TEXT;
BEGIN
    FOREACH v_role IN ARRAY ARRAY['application_role', 'readonly_role', 'backup_role',
                                  'analytics_role', 'facilitator_role']
    LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', v_role);
            EXECUTE format('COMMENT ON ROLE %I IS %L', v_role,
                           'created by heroes migration 010_roles in database ' || current_database());
        END IF;
    END LOOP;
END
$$;
