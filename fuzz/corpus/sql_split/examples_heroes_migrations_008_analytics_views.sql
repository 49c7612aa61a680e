-- 008_analytics_views: dashboard materialized views (seed 000 section 2.1,
-- seed 001 classroom_analytics_summary), their refresh functions, the
-- privacy-safe analytics views (seed 000 section 3.2) and
-- backup_health_status (seed 001).
-- Every materialized view has a UNIQUE index on plain columns, which
-- REFRESH MATERIALIZED VIEW CONCURRENTLY requires.  No view or materialized
-- view exposes a person's name, e-mail or phone number.
-- Plain views are security_invoker: they are evaluated with the caller's
-- privileges and row-level security, never the owner's.

-- Last 7 days of engagement per active classroom.
CREATE MATERIALIZED VIEW current_classroom_engagement AS
SELECT c.id                                          AS classroom_id,
       c.grade_level,
       count(DISTINCT ba.anonymous_student_hash)     AS active_students,
       count(ba.id)                                  AS total_interactions,
       round(avg(ba.engagement_score), 2)            AS avg_engagement_score,
       round(avg(ba.completion_rate), 2)             AS avg_completion_rate,
       round(avg(ba.behavioral_score), 2)            AS avg_behavioral_score,
       COALESCE(sum(ba.time_spent_seconds), 0)       AS total_time_spent_seconds,
       max(ba.interaction_timestamp)                 AS last_interaction_at,
       now()                                         AS refreshed_at
FROM classrooms AS c
LEFT JOIN behavioral_analytics AS ba
       ON ba.classroom_id = c.id
      AND ba.interaction_timestamp >= now() - interval '7 days'
WHERE c.is_active
GROUP BY c.id, c.grade_level;

CREATE UNIQUE INDEX idx_current_classroom_engagement_classroom
    ON current_classroom_engagement (classroom_id);
CREATE INDEX idx_current_classroom_engagement_grade
    ON current_classroom_engagement (grade_level, active_students);

-- All-time effectiveness per lesson, from the daily lesson_effectiveness rows.
CREATE MATERIALIZED VIEW lesson_effectiveness_summary AS
SELECT l.id                                                    AS lesson_id,
       l.lesson_number,
       l.title                                                 AS lesson_title,
       count(DISTINCT le.classroom_id)                         AS classrooms_count,
       COALESCE(sum(le.total_interactions), 0)                 AS total_interactions,
       COALESCE(sum(le.completion_count), 0)                   AS total_completions,
       round(sum(le.engagement_score_sum) / NULLIF(sum(le.engagement_score_count), 0), 2)
                                                               AS overall_engagement_score,
       round(sum(le.completion_rate_sum) / NULLIF(sum(le.completion_rate_count), 0), 2)
                                                               AS avg_completion_rate,
       round(sum(le.behavioral_score_sum) / NULLIF(sum(le.behavioral_score_count), 0), 2)
                                                               AS avg_behavioral_score,
       max(le.analytics_date)                                  AS last_activity_date,
       now()                                                   AS refreshed_at
FROM lessons AS l
LEFT JOIN lesson_effectiveness AS le ON le.lesson_id = l.id
GROUP BY l.id, l.lesson_number, l.title;

CREATE UNIQUE INDEX idx_lesson_effectiveness_summary_lesson
    ON lesson_effectiveness_summary (lesson_id);
CREATE INDEX idx_lesson_effectiveness_summary_engagement
    ON lesson_effectiveness_summary (overall_engagement_score);

-- Daily (UTC) engagement per grade over the last 90 days.
CREATE MATERIALIZED VIEW engagement_trends AS
SELECT (ba.interaction_timestamp AT TIME ZONE 'UTC')::date   AS trend_date,
       ba.grade_level,
       count(*)                                              AS total_interactions,
       count(DISTINCT ba.anonymous_student_hash)             AS unique_students,
       count(DISTINCT ba.classroom_id)                       AS active_classrooms,
       round(avg(ba.engagement_score), 2)                    AS avg_engagement_score,
       round(avg(ba.completion_rate), 2)                     AS avg_completion_rate,
       round(avg(ba.behavioral_score), 2)                    AS avg_behavioral_score,
       now()                                                 AS refreshed_at
FROM behavioral_analytics AS ba
WHERE ba.interaction_timestamp >= now() - interval '90 days'
GROUP BY (ba.interaction_timestamp AT TIME ZONE 'UTC')::date, ba.grade_level;

CREATE UNIQUE INDEX idx_engagement_trends_date_grade
    ON engagement_trends (trend_date, grade_level);

-- Seed 001: per active classroom progress summary (classroom name omitted).
CREATE MATERIALIZED VIEW classroom_analytics_summary AS
SELECT c.id                                                          AS classroom_id,
       c.grade_level,
       count(DISTINCT ss.id)                                         AS active_students,
       count(DISTINCT sp.lesson_id) FILTER (WHERE sp.completed_at IS NOT NULL)
                                                                     AS lessons_completed,
       round(avg(sp.completion_percentage), 2)                       AS avg_completion,
       now()                                                         AS refreshed_at
FROM classrooms AS c
LEFT JOIN student_sessions AS ss ON ss.classroom_id = c.id AND ss.is_active = true
LEFT JOIN student_progress AS sp ON sp.student_session_id = ss.id
WHERE c.is_active = true
GROUP BY c.id, c.grade_level;

CREATE UNIQUE INDEX idx_classroom_analytics_summary_classroom
    ON classroom_analytics_summary (classroom_id);

-- Refreshes every analytics materialized view, concurrently when it is
-- already populated (readers are never blocked), plainly otherwise.
CREATE FUNCTION refresh_analytics_materialized_views()
RETURNS void
LANGUAGE plpgsql
SET search_path = public, pg_temp
AS $$
DECLARE
    v_view TEXT;
BEGIN
    FOREACH v_view IN ARRAY ARRAY['current_classroom_engagement', 'lesson_effectiveness_summary',
                                  'engagement_trends', 'classroom_analytics_summary']
    LOOP
        IF EXISTS (SELECT 1 FROM pg_matviews
                   WHERE schemaname = 'public' AND matviewname = v_view AND ispopulated) THEN
            EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY public.%I', v_view);
        ELSE
            EXECUTE format('REFRESH MATERIALIZED VIEW public.%I', v_view);
        END IF;
    END LOOP;
END;
$$;

-- Seed 001 refresh_analytics_summary(): the classroom summary only.
CREATE FUNCTION refresh_analytics_summary()
RETURNS void
LANGUAGE plpgsql
SET search_path = public, pg_temp
AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY classroom_analytics_summary;
END;
$$;

REVOKE ALL ON FUNCTION refresh_analytics_materialized_views() FROM PUBLIC;
REVOKE ALL ON FUNCTION refresh_analytics_summary() FROM PUBLIC;

-- Per-student, per-lesson progress keyed only by the anonymous hash.
CREATE VIEW anonymous_student_progress WITH (security_invoker = true) AS
SELECT generate_anonymous_student_hash(ss.id, ss.classroom_id, c.grade_level) AS anonymous_student_hash,
       ss.classroom_id,
       c.grade_level,
       sp.lesson_id,
       l.lesson_number,
       sp.status,
       sp.completion_percentage,
       sp.score,
       sp.time_spent_seconds,
       sp.started_at,
       sp.completed_at
FROM student_progress AS sp
JOIN student_sessions AS ss ON ss.id = sp.student_session_id
JOIN classrooms AS c ON c.id = ss.classroom_id
JOIN lessons AS l ON l.id = sp.lesson_id;

-- Impact per classroom; only measurements covering at least 5 students
-- (k-anonymity threshold of seed 000 line 321).
CREATE VIEW educational_impact_dashboard WITH (security_invoker = true) AS
SELECT eim.classroom_id,
       c.grade_level,
       count(*)                                    AS measurement_count,
       sum(eim.student_count)                      AS students_measured,
       round(avg(eim.empathy_score), 2)            AS avg_empathy_score,
       round(avg(eim.confidence_score), 2)         AS avg_confidence_score,
       round(avg(eim.communication_score), 2)      AS avg_communication_score,
       round(avg(eim.problem_solving_score), 2)    AS avg_problem_solving_score,
       round(avg(eim.overall_impact_score), 2)     AS avg_overall_impact_score,
       min(eim.measurement_period_start)           AS first_period_start,
       max(eim.measurement_period_end)             AS last_period_end
FROM educational_impact_metrics AS eim
JOIN classrooms AS c ON c.id = eim.classroom_id
WHERE eim.student_count >= 5
GROUP BY eim.classroom_id, c.grade_level;

-- Seed 001 backup_health_status, with thresholds relative to each
-- configuration's expected cadence (max_backup_age) instead of a fixed
-- 24 h / 48 h: Healthy within max_backup_age, Warning within twice it,
-- Critical beyond that or when no backup ever completed.
CREATE VIEW backup_health_status WITH (security_invoker = true) AS
SELECT bc.id                             AS backup_config_id,
       bc.backup_name,
       bc.backup_type,
       bc.max_backup_age,
       bel.last_successful_backup,
       round(bel.backup_size_mb, 2)      AS backup_size_mb,
       CASE
           WHEN bel.last_successful_backup > now() - bc.max_backup_age     THEN 'Healthy'
           WHEN bel.last_successful_backup > now() - 2 * bc.max_backup_age THEN 'Warning'
           ELSE 'Critical'
       END                               AS health_status
FROM backup_configurations AS bc
LEFT JOIN LATERAL (
    SELECT max(e.end_time)                              AS last_successful_backup,
           avg(e.backup_size_bytes) / 1024.0 / 1024.0   AS backup_size_mb
    FROM backup_execution_log AS e
    WHERE e.backup_config_id = bc.id
      AND e.status = 'completed'
) AS bel ON true
WHERE bc.is_active;
