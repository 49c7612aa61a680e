-- 009_data_retention: the 2-year retention policy (seed 000 section 3.2 and
-- 5.2, seed 001 "Retention Policy Optimization", seed 002 "Data Retention
-- Implementation") and backup bookkeeping helpers (seed 002).
--
--   retention_policy_definitions()           one row per governed table
--   cleanup_old_analytics_data()             deletes analytics rows older than 2 years
--   execute_data_retention_policy(text,int)  archives then deletes, in batches
--   get_retention_status() / retention_policy_status
--   execute_retention_policy_optimized()     seed 001 name, delegates
--   generate_retention_report(date,date)
--   cleanup_old_backups() / generate_backup_health_report(int)
--
-- Maintenance functions are not executable by PUBLIC: they are run by the
-- database owner (cron), who must be a superuser or have BYPASSRLS because
-- row-level security is forced on some governed tables (012).

-- The single source of truth for what is retained, for how long, and how.
-- predicate uses $1 = cutoff (timestamptz, midnight of CURRENT_DATE minus
-- the retention period, as in seed 000 line 310).
CREATE FUNCTION retention_policy_definitions()
RETURNS TABLE (
    table_name        TEXT,
    archive_table     TEXT,
    retention_period  INTERVAL,
    predicate         TEXT,
    policy_name       TEXT,
    process_order     INTEGER
)
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    VALUES
        -- archive-then-delete (execute_data_retention_policy); children of
        -- student_sessions first, so nothing reaches an archive-less cascade
        ('student_progress', 'student_progress_archive', interval '2 years',
         'created_at < $1 OR student_session_id IN (SELECT s.id FROM student_sessions s WHERE s.created_at < $1)',
         'execute_data_retention_policy', 10),
        ('student_feedback', 'student_feedback_archive', interval '2 years',
         'submitted_at < $1 OR student_session_id IN (SELECT s.id FROM student_sessions s WHERE s.created_at < $1)',
         'execute_data_retention_policy', 20),
        ('classroom_sessions', 'classroom_sessions_archive', interval '2 years',
         'started_at < $1',
         'execute_data_retention_policy', 30),
        ('student_sessions', 'student_sessions_archive', interval '2 years',
         'created_at < $1',
         'execute_data_retention_policy', 40),
        ('security_incidents', 'security_incidents_archive', interval '2 years',
         'created_at < $1 AND status IN (''resolved'', ''dismissed'')',
         'execute_data_retention_policy', 50),
        ('audit_log', 'audit_log_archive', interval '2 years',
         'created_at < $1',
         'execute_data_retention_policy', 60),
        -- delete only (cleanup_old_analytics_data): anonymous aggregates
        ('behavioral_analytics', NULL, interval '2 years',
         'interaction_timestamp < $1',
         'cleanup_old_analytics_data', 110),
        ('lesson_effectiveness', NULL, interval '2 years',
         'analytics_date < $1::date',
         'cleanup_old_analytics_data', 120),
        ('time_series_analytics', NULL, interval '2 years',
         'time_bucket < $1',
         'cleanup_old_analytics_data', 130),
        ('educational_impact_metrics', NULL, interval '2 years',
         'measurement_period_end < $1::date',
         'cleanup_old_analytics_data', 140),
        ('analytics_aggregation_cache', NULL, interval '2 years',
         'last_updated < $1 OR expires_at < now()',
         'cleanup_old_analytics_data', 150)
$$;

-- Seed 000: deletes analytics data older than the 2-year retention period,
-- logs one data_retention_log row per table (even when nothing was due) and
-- one audit_log row per run.  Returns the number of rows deleted.  Safe to
-- run repeatedly; a concurrent second run is skipped (and logged as such).
CREATE FUNCTION cleanup_old_analytics_data()
RETURNS INTEGER
LANGUAGE plpgsql
SET search_path = public, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    r          RECORD;
    v_cutoff   TIMESTAMPTZ;
    v_started  TIMESTAMPTZ;
    v_deleted  INTEGER;
    v_total    INTEGER := 0;
    v_detail   JSONB := '{}'::jsonb;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('heroes.cleanup_old_analytics_data')) THEN
        INSERT INTO data_retention_log (table_name, policy_name, status, error_message, completed_at, created_at)
        VALUES ('*', 'cleanup_old_analytics_data', 'skipped',
                'another cleanup_old_analytics_data() run is in progress', clock_timestamp(), clock_timestamp());
        RETURN 0;
    END IF;

    FOR r IN SELECT * FROM retention_policy_definitions() d
             WHERE d.policy_name = 'cleanup_old_analytics_data'
             ORDER BY d.process_order
    LOOP
        v_started := clock_timestamp();
        v_cutoff  := CURRENT_DATE - r.retention_period;
        EXECUTE format('DELETE FROM %I WHERE %s', r.table_name, r.predicate) USING v_cutoff;
        GET DIAGNOSTICS v_deleted = ROW_COUNT;
        v_total  := v_total + v_deleted;
        v_detail := v_detail || jsonb_build_object(r.table_name, v_deleted);

        INSERT INTO data_retention_log (execution_date, table_name, policy_name, cutoff_date,
                                        records_archived, records_deleted, status,
                                        started_at, completed_at, created_at)
        VALUES (CURRENT_DATE, r.table_name, 'cleanup_old_analytics_data', v_cutoff,
                0, v_deleted, 'completed', v_started, clock_timestamp(), clock_timestamp());
    END LOOP;

    INSERT INTO audit_log (table_name, action, new_values)
    VALUES ('data_retention_log', 'ANALYTICS_CLEANUP',
            jsonb_build_object('records_deleted', v_total, 'per_table', v_detail,
                               'cutoff', CURRENT_DATE - interval '2 years'));
    RETURN v_total;
END;
$$;

-- Seed 002: archives then deletes rows past retention, in batches of
-- p_batch_size rows (each batch is one DELETE ... RETURNING -> INSERT into
-- the archive, so a row is never deleted without being archived).  With
-- p_table_name NULL every archive-governed table is processed; naming
-- student_sessions also processes its dependants (student_progress,
-- student_feedback) first.  Every batch is written to audit_log
-- (BATCH_PROCESSED, as in seed 001) and every table to data_retention_log.
-- A table that fails is rolled back alone, logged 'failed', and the run goes
-- on.  Note: a function runs in its caller's transaction; batching bounds
-- statement size and lock footprint, not transaction length.
CREATE FUNCTION execute_data_retention_policy(
    p_table_name  TEXT DEFAULT NULL,
    p_batch_size  INTEGER DEFAULT 1000
)
RETURNS TABLE (
    table_name        TEXT,
    archive_table     TEXT,
    cutoff_date       TIMESTAMPTZ,
    records_archived  BIGINT,
    records_deleted   BIGINT,
    batches           INTEGER,
    status            TEXT
)
LANGUAGE plpgsql
SET search_path = public, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    r          RECORD;
    v_tables   TEXT[];
    v_cutoff   TIMESTAMPTZ;
    v_started  TIMESTAMPTZ;
    v_cols     TEXT;
    v_sql      TEXT;
    v_batch    BIGINT;
    v_total    BIGINT;
    v_batches  INTEGER;
BEGIN
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION 'p_batch_size must be a positive integer, got %', p_batch_size
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    IF p_table_name IS NULL THEN
        SELECT array_agg(d.table_name) INTO v_tables
        FROM retention_policy_definitions() d WHERE d.archive_table IS NOT NULL;
    ELSIF p_table_name = 'student_sessions' THEN
        v_tables := ARRAY['student_progress', 'student_feedback', 'student_sessions'];
    ELSIF EXISTS (SELECT 1 FROM retention_policy_definitions() d
                  WHERE d.table_name = p_table_name AND d.archive_table IS NOT NULL) THEN
        v_tables := ARRAY[p_table_name];
    ELSE
        RAISE EXCEPTION 'no archive retention policy for table "%"', p_table_name
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = (SELECT 'valid tables: ' || string_agg(d.table_name, ', ' ORDER BY d.process_order)
                          FROM retention_policy_definitions() d WHERE d.archive_table IS NOT NULL);
    END IF;

    IF NOT pg_try_advisory_xact_lock(hashtext('heroes.execute_data_retention_policy')) THEN
        RAISE NOTICE 'execute_data_retention_policy: another run is in progress; skipped';
        RETURN QUERY
            SELECT d.table_name, d.archive_table, (CURRENT_DATE - d.retention_period)::timestamptz,
                   0::bigint, 0::bigint, 0, 'skipped'::text
            FROM retention_policy_definitions() d
            WHERE d.table_name = ANY (v_tables) ORDER BY d.process_order;
        RETURN;
    END IF;

    FOR r IN SELECT * FROM retention_policy_definitions() d
             WHERE d.table_name = ANY (v_tables)
             ORDER BY d.process_order
    LOOP
        v_started := clock_timestamp();
        v_cutoff  := CURRENT_DATE - r.retention_period;
        v_total   := 0;
        v_batches := 0;

        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO v_cols
        FROM pg_attribute a
        WHERE a.attrelid = format('public.%I', r.table_name)::regclass
          AND a.attnum > 0 AND NOT a.attisdropped;

        v_sql := format(
            'WITH batch AS (SELECT id FROM %1$I WHERE %2$s LIMIT $2 FOR UPDATE SKIP LOCKED), '
            || 'moved AS (DELETE FROM %1$I t USING batch b WHERE t.id = b.id RETURNING t.*) '
            || 'INSERT INTO %3$I (%4$s, archived_at) SELECT %4$s, now() FROM moved',
            r.table_name, r.predicate, r.archive_table, v_cols);

        BEGIN
            LOOP
                EXECUTE v_sql USING v_cutoff, p_batch_size;
                GET DIAGNOSTICS v_batch = ROW_COUNT;
                EXIT WHEN v_batch = 0;
                v_total   := v_total + v_batch;
                v_batches := v_batches + 1;
                INSERT INTO audit_log (table_name, action, new_values)
                VALUES ('retention_policy', 'BATCH_PROCESSED',
                        jsonb_build_object('table', r.table_name, 'archive_table', r.archive_table,
                                           'batch', v_batches, 'records_processed', v_batch,
                                           'cutoff', v_cutoff));
            END LOOP;

            INSERT INTO data_retention_log (execution_date, table_name, policy_name, cutoff_date,
                                            records_archived, records_deleted, status,
                                            started_at, completed_at, created_at)
            VALUES (CURRENT_DATE, r.table_name, 'execute_data_retention_policy', v_cutoff,
                    v_total, v_total, 'completed', v_started, clock_timestamp(), clock_timestamp());

            table_name := r.table_name; archive_table := r.archive_table; cutoff_date := v_cutoff;
            records_archived := v_total; records_deleted := v_total; batches := v_batches;
            status := 'completed';
            RETURN NEXT;
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO data_retention_log (execution_date, table_name, policy_name, cutoff_date,
                                            records_archived, records_deleted, status, error_message,
                                            started_at, completed_at, created_at)
            VALUES (CURRENT_DATE, r.table_name, 'execute_data_retention_policy', v_cutoff,
                    0, 0, 'failed', SQLSTATE || ': ' || SQLERRM, v_started, clock_timestamp(), clock_timestamp());

            table_name := r.table_name; archive_table := r.archive_table; cutoff_date := v_cutoff;
            records_archived := 0; records_deleted := 0; batches := 0;
            status := 'failed';
            RETURN NEXT;
        END;
    END LOOP;

    INSERT INTO audit_log (table_name, action, new_values)
    VALUES ('retention_policy', 'RETENTION_EXECUTED',
            jsonb_build_object('tables', to_jsonb(v_tables), 'batch_size', p_batch_size));
END;
$$;

-- Seed 001 execute_retention_policy_optimized(): kept as a thin wrapper.
CREATE FUNCTION execute_retention_policy_optimized()
RETURNS void
LANGUAGE sql
SET search_path = public, pg_temp
AS $$
    SELECT count(*) FROM execute_data_retention_policy('student_sessions', 1000);
$$;

-- Current state of every governed table.
CREATE FUNCTION get_retention_status()
RETURNS TABLE (
    table_name                 TEXT,
    archive_table              TEXT,
    policy_name                TEXT,
    retention_period           INTERVAL,
    cutoff_date                TIMESTAMPTZ,
    active_records             BIGINT,
    records_due                BIGINT,
    archived_records           BIGINT,
    last_executed_at           TIMESTAMPTZ,
    last_status                TEXT
)
LANGUAGE plpgsql
STABLE
SET search_path = public, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    r  RECORD;
BEGIN
    FOR r IN SELECT * FROM retention_policy_definitions() d ORDER BY d.process_order LOOP
        table_name       := r.table_name;
        archive_table    := r.archive_table;
        policy_name      := r.policy_name;
        retention_period := r.retention_period;
        cutoff_date      := CURRENT_DATE - r.retention_period;
        EXECUTE format('SELECT count(*) FROM %I', r.table_name) INTO active_records;
        EXECUTE format('SELECT count(*) FROM %I WHERE %s', r.table_name, r.predicate)
            INTO records_due USING cutoff_date;
        IF r.archive_table IS NOT NULL THEN
            EXECUTE format('SELECT count(*) FROM %I', r.archive_table) INTO archived_records;
        ELSE
            archived_records := NULL;
        END IF;
        SELECT l.completed_at, l.status INTO last_executed_at, last_status
        FROM data_retention_log l
        WHERE l.table_name = r.table_name AND l.policy_name = r.policy_name
        ORDER BY l.created_at DESC
        LIMIT 1;
        IF NOT FOUND THEN
            last_executed_at := NULL;
            last_status := 'never_run';
        END IF;
        RETURN NEXT;
    END LOOP;
END;
$$;

CREATE VIEW retention_policy_status AS
SELECT * FROM get_retention_status();

-- Per-table totals of the retention log over [p_start_date, p_end_date].
CREATE FUNCTION generate_retention_report(p_start_date DATE, p_end_date DATE)
RETURNS TABLE (
    table_name        TEXT,
    policy_name       TEXT,
    executions        BIGINT,
    failed_runs       BIGINT,
    records_archived  BIGINT,
    records_deleted   BIGINT,
    first_execution   DATE,
    last_execution    DATE
)
LANGUAGE sql
STABLE
SET search_path = public, pg_temp
AS $$
    SELECT l.table_name::text, l.policy_name::text,
           count(*), count(*) FILTER (WHERE l.status = 'failed'),
           COALESCE(sum(l.records_archived), 0)::bigint, COALESCE(sum(l.records_deleted), 0)::bigint,
           min(l.execution_date), max(l.execution_date)
    FROM data_retention_log l
    WHERE l.execution_date BETWEEN p_start_date AND p_end_date
    GROUP BY l.table_name, l.policy_name
    ORDER BY l.table_name, l.policy_name
$$;

-- Seed 002 cleanup_old_backups(): marks completed backups older than their
-- configuration's retention_days as 'expired' and returns their file paths
-- (the database cannot delete files; the cron job removes them).
CREATE FUNCTION cleanup_old_backups()
RETURNS TABLE (backup_log_id UUID, backup_name TEXT, file_path TEXT, end_time TIMESTAMPTZ)
LANGUAGE sql
SET search_path = public, pg_temp
AS $$
    UPDATE backup_execution_log e
       SET status = 'expired'
      FROM backup_configurations c
     WHERE c.id = e.backup_config_id
       AND e.status = 'completed'
       AND e.end_time < now() - make_interval(days => c.retention_days)
    RETURNING e.id, c.backup_name::text, e.file_path::text, e.end_time
$$;

-- Seed 002 generate_backup_health_report(days).
CREATE FUNCTION generate_backup_health_report(p_days INTEGER DEFAULT 30)
RETURNS TABLE (
    backup_name             TEXT,
    backup_type             TEXT,
    total_runs              BIGINT,
    completed_runs          BIGINT,
    failed_runs             BIGINT,
    success_rate_pct        NUMERIC,
    avg_duration_seconds    NUMERIC,
    avg_size_mb             NUMERIC,
    last_successful_backup  TIMESTAMPTZ
)
LANGUAGE sql
STABLE
SET search_path = public, pg_temp
AS $$
    SELECT c.backup_name::text, c.backup_type::text,
           count(e.id),
           count(e.id) FILTER (WHERE e.status IN ('completed', 'expired')),
           count(e.id) FILTER (WHERE e.status = 'failed'),
           round(100.0 * count(e.id) FILTER (WHERE e.status IN ('completed', 'expired'))
                 / NULLIF(count(e.id) FILTER (WHERE e.status <> 'running'), 0), 2),
           round(avg(extract(epoch FROM e.end_time - e.start_time))
                 FILTER (WHERE e.status IN ('completed', 'expired')), 1),
           round(avg(e.backup_size_bytes) FILTER (WHERE e.status IN ('completed', 'expired'))
                 / 1024.0 / 1024.0, 2),
           max(e.end_time) FILTER (WHERE e.status IN ('completed', 'expired'))
    FROM backup_configurations c
    LEFT JOIN backup_execution_log e
           ON e.backup_config_id = c.id
          AND e.start_time >= now() - make_interval(days => p_days)
    GROUP BY c.id, c.backup_name, c.backup_type
    ORDER BY c.backup_name
$$;

REVOKE ALL ON FUNCTION cleanup_old_analytics_data() FROM PUBLIC;
REVOKE ALL ON FUNCTION execute_data_retention_policy(TEXT, INTEGER) FROM PUBLIC;
REVOKE ALL ON FUNCTION execute_retention_policy_optimized() FROM PUBLIC;
REVOKE ALL ON FUNCTION cleanup_old_backups() FROM PUBLIC;
