-- 003_analytics_schema: the five Checkpoint 6 enhanced analytics tables
-- (seed 000 section 1.1) plus data_retention_log (seed 000 section 5.2).
-- All analytics rows are keyed by an anonymous SHA-256 student hash, never by
-- a student identifier.

CREATE TABLE behavioral_analytics (
    id                          UUID          NOT NULL DEFAULT uuid_generate_v4(),
    classroom_id                UUID          NOT NULL,
    lesson_id                   UUID          NOT NULL,
    anonymous_student_hash      VARCHAR(64)   NOT NULL,
    grade_level                 INTEGER       NOT NULL,
    interaction_type            VARCHAR(50)   NOT NULL,
    engagement_score            NUMERIC(5,2),
    completion_rate             NUMERIC(5,2),
    time_spent_seconds          INTEGER       NOT NULL DEFAULT 0,
    behavioral_score            NUMERIC(5,2),
    empathy_indicators          JSONB,
    confidence_indicators       JSONB,
    communication_indicators    JSONB,
    problem_solving_indicators  JSONB,
    interaction_data            JSONB,
    interaction_timestamp       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    created_at                  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at                  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT behavioral_analytics_pkey PRIMARY KEY (id),
    CONSTRAINT behavioral_analytics_classroom_id_fkey FOREIGN KEY (classroom_id)
        REFERENCES classrooms (id) ON DELETE CASCADE,
    CONSTRAINT behavioral_analytics_lesson_id_fkey FOREIGN KEY (lesson_id)
        REFERENCES lessons (id) ON DELETE RESTRICT,
    CONSTRAINT behavioral_analytics_anonymous_student_hash_check
        CHECK (anonymous_student_hash ~ '^[a-f0-9]{64}$'),
    CONSTRAINT behavioral_analytics_grade_level_check CHECK (grade_level BETWEEN 4 AND 6),
    CONSTRAINT behavioral_analytics_interaction_type_check
        CHECK (interaction_type ~ '^[a-z][a-z0-9_]{0,49}$'),
    CONSTRAINT behavioral_analytics_engagement_score_check CHECK (engagement_score BETWEEN 0 AND 100),
    CONSTRAINT behavioral_analytics_completion_rate_check CHECK (completion_rate BETWEEN 0 AND 100),
    CONSTRAINT behavioral_analytics_behavioral_score_check CHECK (behavioral_score BETWEEN 0 AND 100),
    CONSTRAINT behavioral_analytics_time_spent_seconds_check
        CHECK (time_spent_seconds BETWEEN 0 AND 86400)
);

CREATE INDEX idx_behavioral_analytics_classroom_lesson
    ON behavioral_analytics (classroom_id, lesson_id, interaction_timestamp);
CREATE INDEX idx_behavioral_analytics_lesson_time
    ON behavioral_analytics (lesson_id, interaction_timestamp);
CREATE INDEX idx_behavioral_analytics_time
    ON behavioral_analytics (interaction_timestamp);
CREATE INDEX idx_behavioral_analytics_student_hash
    ON behavioral_analytics (anonymous_student_hash);

CREATE TRIGGER trigger_behavioral_analytics_updated_at
    BEFORE UPDATE ON behavioral_analytics
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Daily per lesson/classroom aggregate, maintained by the behavioral_analytics
-- insert trigger (007).  Sums and counts are stored so that concurrent
-- inserts can be merged additively; averages are derived from them.
CREATE TABLE lesson_effectiveness (
    id                        UUID          NOT NULL DEFAULT uuid_generate_v4(),
    lesson_id                 UUID          NOT NULL,
    classroom_id              UUID          NOT NULL,
    analytics_date            DATE          NOT NULL,
    total_interactions        INTEGER       NOT NULL DEFAULT 0,
    completion_count          INTEGER       NOT NULL DEFAULT 0,
    total_time_spent_seconds  BIGINT        NOT NULL DEFAULT 0,
    engagement_score_sum      NUMERIC(14,2) NOT NULL DEFAULT 0,
    engagement_score_count    INTEGER       NOT NULL DEFAULT 0,
    completion_rate_sum       NUMERIC(14,2) NOT NULL DEFAULT 0,
    completion_rate_count     INTEGER       NOT NULL DEFAULT 0,
    behavioral_score_sum      NUMERIC(14,2) NOT NULL DEFAULT 0,
    behavioral_score_count    INTEGER       NOT NULL DEFAULT 0,
    avg_engagement_score      NUMERIC(5,2),
    avg_completion_rate       NUMERIC(5,2),
    avg_behavioral_score      NUMERIC(5,2),
    created_at                TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at                TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT lesson_effectiveness_pkey PRIMARY KEY (id),
    CONSTRAINT lesson_effectiveness_lesson_id_fkey FOREIGN KEY (lesson_id)
        REFERENCES lessons (id) ON DELETE RESTRICT,
    CONSTRAINT lesson_effectiveness_classroom_id_fkey FOREIGN KEY (classroom_id)
        REFERENCES classrooms (id) ON DELETE CASCADE,
    CONSTRAINT lesson_effectiveness_lesson_classroom_date_key
        UNIQUE (lesson_id, classroom_id, analytics_date),
    CONSTRAINT lesson_effectiveness_counts_check
        CHECK (total_interactions >= 0 AND completion_count >= 0 AND total_time_spent_seconds >= 0
               AND engagement_score_count >= 0 AND completion_rate_count >= 0
               AND behavioral_score_count >= 0),
    CONSTRAINT lesson_effectiveness_avg_engagement_score_check CHECK (avg_engagement_score BETWEEN 0 AND 100),
    CONSTRAINT lesson_effectiveness_avg_completion_rate_check CHECK (avg_completion_rate BETWEEN 0 AND 100),
    CONSTRAINT lesson_effectiveness_avg_behavioral_score_check CHECK (avg_behavioral_score BETWEEN 0 AND 100)
);

CREATE INDEX idx_lesson_effectiveness_date ON lesson_effectiveness (analytics_date);
CREATE INDEX idx_lesson_effectiveness_classroom_date ON lesson_effectiveness (classroom_id, analytics_date);

CREATE TRIGGER trigger_lesson_effectiveness_updated_at
    BEFORE UPDATE ON lesson_effectiveness
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE time_series_analytics (
    id               UUID          NOT NULL DEFAULT uuid_generate_v4(),
    metric_name      VARCHAR(100)  NOT NULL,
    metric_value     NUMERIC(14,4) NOT NULL,
    classroom_id     UUID,
    lesson_id        UUID,
    grade_level      INTEGER,
    time_bucket      TIMESTAMPTZ   NOT NULL,
    bucket_interval  VARCHAR(10)   NOT NULL DEFAULT 'day',
    dimensions       JSONB,
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT time_series_analytics_pkey PRIMARY KEY (id),
    CONSTRAINT time_series_analytics_classroom_id_fkey FOREIGN KEY (classroom_id)
        REFERENCES classrooms (id) ON DELETE CASCADE,
    CONSTRAINT time_series_analytics_lesson_id_fkey FOREIGN KEY (lesson_id)
        REFERENCES lessons (id) ON DELETE RESTRICT,
    CONSTRAINT time_series_analytics_grade_level_check CHECK (grade_level BETWEEN 4 AND 6),
    CONSTRAINT time_series_analytics_bucket_interval_check
        CHECK (bucket_interval IN ('hour', 'day', 'week', 'month')),
    CONSTRAINT time_series_analytics_bucket_key
        UNIQUE NULLS NOT DISTINCT (metric_name, bucket_interval, time_bucket, classroom_id, lesson_id, grade_level)
);

CREATE INDEX idx_time_series_analytics_metric_time ON time_series_analytics (metric_name, time_bucket);
CREATE INDEX idx_time_series_analytics_classroom_time ON time_series_analytics (classroom_id, time_bucket);
CREATE INDEX idx_time_series_analytics_time ON time_series_analytics (time_bucket);
CREATE INDEX idx_time_series_analytics_lesson ON time_series_analytics (lesson_id);

CREATE TABLE educational_impact_metrics (
    id                        UUID          NOT NULL DEFAULT uuid_generate_v4(),
    classroom_id              UUID          NOT NULL,
    lesson_id                 UUID,
    grade_level               INTEGER       NOT NULL,
    measurement_type          VARCHAR(20)   NOT NULL,
    measurement_period_start  DATE          NOT NULL,
    measurement_period_end    DATE          NOT NULL,
    student_count             INTEGER       NOT NULL,
    empathy_score             NUMERIC(5,2),
    confidence_score          NUMERIC(5,2),
    communication_score       NUMERIC(5,2),
    problem_solving_score     NUMERIC(5,2),
    overall_impact_score      NUMERIC(5,2),
    created_at                TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at                TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT educational_impact_metrics_pkey PRIMARY KEY (id),
    CONSTRAINT educational_impact_metrics_classroom_id_fkey FOREIGN KEY (classroom_id)
        REFERENCES classrooms (id) ON DELETE CASCADE,
    CONSTRAINT educational_impact_metrics_lesson_id_fkey FOREIGN KEY (lesson_id)
        REFERENCES lessons (id) ON DELETE RESTRICT,
    CONSTRAINT educational_impact_metrics_grade_level_check CHECK (grade_level BETWEEN 4 AND 6),
    CONSTRAINT educational_impact_metrics_measurement_type_check
        CHECK (measurement_type IN ('baseline', 'ongoing', 'post_program')),
    CONSTRAINT educational_impact_metrics_period_check
        CHECK (measurement_period_end >= measurement_period_start),
    CONSTRAINT educational_impact_metrics_student_count_check CHECK (student_count >= 0),
    CONSTRAINT educational_impact_metrics_empathy_score_check CHECK (empathy_score BETWEEN 0 AND 100),
    CONSTRAINT educational_impact_metrics_confidence_score_check CHECK (confidence_score BETWEEN 0 AND 100),
    CONSTRAINT educational_impact_metrics_communication_score_check CHECK (communication_score BETWEEN 0 AND 100),
    CONSTRAINT educational_impact_metrics_problem_solving_score_check CHECK (problem_solving_score BETWEEN 0 AND 100),
    CONSTRAINT educational_impact_metrics_overall_impact_score_check CHECK (overall_impact_score BETWEEN 0 AND 100)
);

CREATE INDEX idx_educational_impact_metrics_classroom_period
    ON educational_impact_metrics (classroom_id, measurement_period_end);
CREATE INDEX idx_educational_impact_metrics_period_end
    ON educational_impact_metrics (measurement_period_end);
CREATE INDEX idx_educational_impact_metrics_lesson ON educational_impact_metrics (lesson_id);

CREATE TRIGGER trigger_educational_impact_metrics_updated_at
    BEFORE UPDATE ON educational_impact_metrics
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE analytics_aggregation_cache (
    id                UUID          NOT NULL DEFAULT uuid_generate_v4(),
    aggregation_type  VARCHAR(50)   NOT NULL,
    cache_key         VARCHAR(255)  NOT NULL,
    classroom_id      UUID,
    cached_data       JSONB         NOT NULL DEFAULT '{}'::jsonb,
    is_valid          BOOLEAN       NOT NULL DEFAULT true,
    last_updated      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    expires_at        TIMESTAMPTZ,
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT analytics_aggregation_cache_pkey PRIMARY KEY (id),
    CONSTRAINT analytics_aggregation_cache_classroom_id_fkey FOREIGN KEY (classroom_id)
        REFERENCES classrooms (id) ON DELETE CASCADE,
    CONSTRAINT analytics_aggregation_cache_type_key_key UNIQUE (aggregation_type, cache_key)
);

CREATE INDEX idx_analytics_aggregation_cache_valid
    ON analytics_aggregation_cache (classroom_id) WHERE is_valid = true;
CREATE INDEX idx_analytics_aggregation_cache_last_updated
    ON analytics_aggregation_cache (last_updated);

CREATE TABLE data_retention_log (
    id                UUID          NOT NULL DEFAULT uuid_generate_v4(),
    execution_date    DATE          NOT NULL DEFAULT CURRENT_DATE,
    table_name        VARCHAR(100)  NOT NULL,
    policy_name       VARCHAR(100)  NOT NULL,
    cutoff_date       TIMESTAMPTZ,
    records_archived  INTEGER       NOT NULL DEFAULT 0,
    records_deleted   INTEGER       NOT NULL DEFAULT 0,
    status            VARCHAR(20)   NOT NULL DEFAULT 'completed',
    error_message     TEXT,
    started_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    completed_at      TIMESTAMPTZ,
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT data_retention_log_pkey PRIMARY KEY (id),
    CONSTRAINT data_retention_log_counts_check CHECK (records_archived >= 0 AND records_deleted >= 0),
    CONSTRAINT data_retention_log_status_check CHECK (status IN ('completed', 'failed', 'skipped'))
);

CREATE INDEX idx_data_retention_log_execution ON data_retention_log (execution_date, table_name);
CREATE INDEX idx_data_retention_log_created ON data_retention_log (created_at);
