-- 001_extensions: extensions the Heroes in Waiting schema depends on.
-- Idempotent (IF NOT EXISTS). pg_stat_statements is deliberately NOT created
-- here: it needs shared_preload_libraries (see DECISIONS.md, D-01).
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;
