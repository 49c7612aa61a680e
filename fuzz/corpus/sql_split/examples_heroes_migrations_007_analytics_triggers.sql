-- 007_analytics_triggers: real-time aggregation on behavioral_analytics
-- (seed 000 section 5.1).
--   * every inserted row carries a 64-hex SHA-256 anonymous_student_hash
--     (values that are not one are hashed on the way in);
--   * every INSERT statement upserts the day's lesson_effectiveness row for
--     each lesson/classroom/date it touched (one upsert per group, not per
--     row, so a 1M-row bulk insert stays cheap);
--   * every INSERT statement invalidates the affected analytics cache rows.
-- Analytics days are UTC days: analytics_date = (interaction_timestamp AT
-- TIME ZONE 'UTC')::date.

-- Normalises anonymous_student_hash: a 64-hex value is lower-cased; any other
-- value (seed 000 load tests insert 'load_test_<n>', 'bulk_test_<n>' ...) is
-- replaced by its SHA-256, so the raw identifier is never stored.
CREATE FUNCTION normalize_anonymous_student_hash()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.anonymous_student_hash IS NOT NULL THEN
        IF NEW.anonymous_student_hash ~ '^[A-Fa-f0-9]{64}$' THEN
            NEW.anonymous_student_hash := lower(NEW.anonymous_student_hash);
        ELSE
            NEW.anonymous_student_hash :=
                encode(public.digest(NEW.anonymous_student_hash, 'sha256'), 'hex');
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER trigger_normalize_anonymous_student_hash
    BEFORE INSERT OR UPDATE OF anonymous_student_hash ON behavioral_analytics
    FOR EACH ROW EXECUTE FUNCTION normalize_anonymous_student_hash();

-- Upserts lesson_effectiveness from the statement's inserted rows.  Runs as
-- the function owner so the aggregate is maintained whatever the inserting
-- role may read or write, and regardless of row-level security.  Sums and
-- counts are merged additively, which is correct under concurrent inserts
-- (ON CONFLICT ... DO UPDATE reads the latest committed row).
CREATE FUNCTION update_lesson_effectiveness()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
    INSERT INTO lesson_effectiveness AS le (
        lesson_id, classroom_id, analytics_date,
        total_interactions, completion_count, total_time_spent_seconds,
        engagement_score_sum, engagement_score_count,
        completion_rate_sum, completion_rate_count,
        behavioral_score_sum, behavioral_score_count,
        avg_engagement_score, avg_completion_rate, avg_behavioral_score)
    SELECT n.lesson_id,
           n.classroom_id,
           (n.interaction_timestamp AT TIME ZONE 'UTC')::date,
           count(*),
           count(*) FILTER (WHERE n.interaction_type = 'complete'),
           COALESCE(sum(n.time_spent_seconds), 0),
           COALESCE(sum(n.engagement_score), 0), count(n.engagement_score),
           COALESCE(sum(n.completion_rate), 0),  count(n.completion_rate),
           COALESCE(sum(n.behavioral_score), 0), count(n.behavioral_score),
           round(avg(n.engagement_score), 2),
           round(avg(n.completion_rate), 2),
           round(avg(n.behavioral_score), 2)
    FROM new_rows AS n
    GROUP BY n.lesson_id, n.classroom_id, (n.interaction_timestamp AT TIME ZONE 'UTC')::date
    ON CONFLICT (lesson_id, classroom_id, analytics_date) DO UPDATE SET
        total_interactions       = le.total_interactions + EXCLUDED.total_interactions,
        completion_count         = le.completion_count + EXCLUDED.completion_count,
        total_time_spent_seconds = le.total_time_spent_seconds + EXCLUDED.total_time_spent_seconds,
        engagement_score_sum     = le.engagement_score_sum + EXCLUDED.engagement_score_sum,
        engagement_score_count   = le.engagement_score_count + EXCLUDED.engagement_score_count,
        completion_rate_sum      = le.completion_rate_sum + EXCLUDED.completion_rate_sum,
        completion_rate_count    = le.completion_rate_count + EXCLUDED.completion_rate_count,
        behavioral_score_sum     = le.behavioral_score_sum + EXCLUDED.behavioral_score_sum,
        behavioral_score_count   = le.behavioral_score_count + EXCLUDED.behavioral_score_count,
        avg_engagement_score     = round((le.engagement_score_sum + EXCLUDED.engagement_score_sum)
                                   / NULLIF(le.engagement_score_count + EXCLUDED.engagement_score_count, 0), 2),
        avg_completion_rate      = round((le.completion_rate_sum + EXCLUDED.completion_rate_sum)
                                   / NULLIF(le.completion_rate_count + EXCLUDED.completion_rate_count, 0), 2),
        avg_behavioral_score     = round((le.behavioral_score_sum + EXCLUDED.behavioral_score_sum)
                                   / NULLIF(le.behavioral_score_count + EXCLUDED.behavioral_score_count, 0), 2),
        updated_at               = now();
    RETURN NULL;
END;
$$;

CREATE TRIGGER trigger_update_lesson_effectiveness
    AFTER INSERT ON behavioral_analytics
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION update_lesson_effectiveness();

-- Marks cache entries stale: global entries (classroom_id IS NULL) and those
-- of every classroom the statement touched.
CREATE FUNCTION invalidate_analytics_cache()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
    UPDATE analytics_aggregation_cache AS c
       SET is_valid = false,
           last_updated = now()
     WHERE c.is_valid
       AND (c.classroom_id IS NULL
            OR c.classroom_id IN (SELECT DISTINCT n.classroom_id FROM new_rows AS n));
    RETURN NULL;
END;
$$;

CREATE TRIGGER trigger_invalidate_analytics_cache
    AFTER INSERT ON behavioral_analytics
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION invalidate_analytics_cache();

-- Trigger functions are not meant to be called directly.
REVOKE ALL ON FUNCTION update_lesson_effectiveness() FROM PUBLIC;
REVOKE ALL ON FUNCTION invalidate_analytics_cache() FROM PUBLIC;
