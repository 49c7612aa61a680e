-- Undo 010_roles.  Drops a role only if 010_roles created it in this
-- database (comment tag), nothing in any database of the cluster still
-- depends on it (pg_shdepend: ownership, grants, policies) and it has no role
-- memberships; otherwise the role is kept and a NOTICE says why.
-- Run after the 012 and 011 downs.
DO $$
DECLARE
    v_role TEXT;
    v_oid  OID;
BEGIN
    FOREACH v_role IN ARRAY ARRAY['facilitator_role', 'analytics_role', 'backup_role',
                                  'readonly_role', 'application_role']
    LOOP
        SELECT oid INTO v_oid FROM pg_catalog.pg_roles WHERE rolname = v_role;
        IF v_oid IS NULL THEN
            CONTINUE;
        END IF;
        IF shobj_description(v_oid, 'pg_authid') IS DISTINCT FROM
               ('created by heroes migration 010_roles in database ' || current_database()) THEN
            RAISE NOTICE 'role % kept: not created by 010_roles in this database', v_role;
        ELSIF EXISTS (SELECT FROM pg_catalog.pg_shdepend
                      WHERE refclassid = 'pg_catalog.pg_authid'::regclass AND refobjid = v_oid) THEN
            RAISE NOTICE 'role % kept: objects in some database still depend on it', v_role;
        ELSIF EXISTS (SELECT FROM pg_catalog.pg_auth_members WHERE roleid = v_oid OR member = v_oid) THEN
            RAISE NOTICE 'role % kept: it still has role memberships', v_role;
        ELSE
            EXECUTE format('DROP ROLE %I', v_role);
        END IF;
    END LOOP;
END
$$;
