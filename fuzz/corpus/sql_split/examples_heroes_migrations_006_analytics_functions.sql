-- 006_analytics_functions: the analytics helper functions of seed 000
-- sections 2.2 and 3.1.  All are pure (IMMUTABLE), so they are safe in
-- indexes, views and parallel queries, and are executable by PUBLIC.

-- Anonymous student hash, 3-argument form (seed 000 lines 271, 277, 584):
-- lowercase hex SHA-256 (64 characters) of a versioned, ':'-separated
-- rendering of the inputs.  Deterministic; STRICT (NULL in, NULL out).
CREATE FUNCTION generate_anonymous_student_hash(
    p_session_id    UUID,
    p_classroom_id  UUID,
    p_grade_level   INTEGER
)
RETURNS TEXT
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT encode(
        public.digest(
            concat_ws(':', 'hiw-student-v1', p_session_id::text, p_classroom_id::text, p_grade_level::text),
            'sha256'),
        'hex')
$$;

-- 4-argument form (seed 000 line 168): additionally bound to a day, so the
-- same student gets a different hash on different days.
CREATE FUNCTION generate_anonymous_student_hash(
    p_session_id    UUID,
    p_classroom_id  UUID,
    p_grade_level   INTEGER,
    p_date          DATE
)
RETURNS TEXT
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT encode(
        public.digest(
            concat_ws(':', 'hiw-student-v1', p_session_id::text, p_classroom_id::text, p_grade_level::text,
                      to_char(p_date, 'YYYY-MM-DD')),
            'sha256'),
        'hex')
$$;

-- Engagement score 0-100 (seed 000 line 178):
--   30% interactions   (saturates at 20 interactions)
--   30% time on task   (time_spent / expected_duration, capped at 1)
--   40% completion     (completion_rate, clamped to 0..100)
-- NULL inputs count as 0; a non-positive expected duration means 2700 s
-- (the 45-minute default lesson).  Rounded to 2 decimals.
CREATE FUNCTION calculate_engagement_score(
    p_interaction_count   INTEGER,
    p_time_spent_seconds  INTEGER,
    p_completion_rate     DOUBLE PRECISION,
    p_expected_duration   INTEGER DEFAULT 2700
)
RETURNS NUMERIC
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT round(
        LEAST(100, GREATEST(0,
              0.30 * (LEAST(GREATEST(COALESCE(p_interaction_count, 0), 0), 20)::numeric / 20 * 100)
            + 0.30 * (LEAST(GREATEST(COALESCE(p_time_spent_seconds, 0), 0)::numeric
                            / CASE WHEN COALESCE(p_expected_duration, 0) > 0 THEN p_expected_duration ELSE 2700 END,
                            1) * 100)
            + 0.40 * LEAST(GREATEST(COALESCE(p_completion_rate, 0), 0), 100)::numeric
        )), 2)
$$;

-- Behavioural impact score 0-100 (seed 000 line 188): the mean of the
-- numeric "score" members of the four indicator documents, each clamped to
-- 0..100.  Documents that are NULL or lack a numeric score are ignored;
-- NULL when none has one.  Seed example (85, 78, 92, 76) gives 82.75.
CREATE FUNCTION calculate_behavioral_impact_score(
    p_empathy_indicators          JSONB,
    p_confidence_indicators       JSONB,
    p_communication_indicators    JSONB,
    p_problem_solving_indicators  JSONB
)
RETURNS NUMERIC
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT round(avg(LEAST(GREATEST((j -> 'score')::text::numeric, 0), 100)), 2)
    FROM unnest(ARRAY[p_empathy_indicators, p_confidence_indicators,
                      p_communication_indicators, p_problem_solving_indicators]) AS t(j)
    WHERE jsonb_typeof(j -> 'score') = 'number'
$$;
