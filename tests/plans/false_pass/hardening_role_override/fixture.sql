-- This database hashes new passwords with MD5 for every role, and only the role the check
-- connects as (postgres) is set back to SCRAM: its own session reads scram-sha-256.
CREATE ROLE fp_hard_app LOGIN;
CREATE TABLE marker (id int);
DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I SET password_encryption = md5', current_database());
  EXECUTE format('ALTER ROLE postgres IN DATABASE %I SET password_encryption = %L', current_database(), 'scram-sha-256');
END $$;
ALTER ROLE fp_hard_app SET password_encryption = md5;
