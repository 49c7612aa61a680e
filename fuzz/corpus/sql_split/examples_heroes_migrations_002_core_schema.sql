-- 002_core_schema: authentication, classrooms, anonymous student sessions and
-- the 12-lesson curriculum (seed 002 "Proposed Schema Changes", seed 001
-- "Core Tables Assessment" and "Indexing Strategy Improvements").
-- Students are anonymous: no table here stores a student name, e-mail,
-- phone number or birth date (COPPA).

-- Shared trigger function: keeps updated_at current on every UPDATE.
CREATE FUNCTION set_updated_at()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

-- Password-hash validation (seed 001 "validate_password_complexity").
-- The database only ever sees a hash, so it validates that the value is a
-- real adaptive hash (bcrypt or argon2) of at least 60 characters rather
-- than a plaintext password.  On UPDATE it only checks a changed hash.
CREATE FUNCTION validate_password_complexity()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.password_hash IS NOT DISTINCT FROM OLD.password_hash THEN
        RETURN NEW;
    END IF;
    IF NEW.password_hash IS NOT NULL THEN
        IF length(NEW.password_hash) < 60 THEN
            RAISE EXCEPTION 'Password hash must be at least 60 characters'
                USING ERRCODE = 'check_violation',
                      HINT = 'Store a bcrypt ($2a$/$2b$/$2y$) or argon2 hash, never a plaintext password.';
        END IF;
        IF NEW.password_hash !~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'
           AND NEW.password_hash !~ '^\$argon2(id|i|d)\$v=[0-9]+\$m=[0-9]+,t=[0-9]+,p=[0-9]+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$' THEN
            RAISE EXCEPTION 'Password hash is not a recognised bcrypt or argon2 hash'
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

-- ---------------------------------------------------------------------------
-- Facilitators (adults; the only table with personal data)
-- ---------------------------------------------------------------------------
CREATE TABLE facilitators (
    id             UUID         NOT NULL DEFAULT uuid_generate_v4(),
    email          VARCHAR(255) NOT NULL,
    password_hash  VARCHAR(255) NOT NULL,
    first_name     VARCHAR(100),
    last_name      VARCHAR(100),
    role           VARCHAR(50)  NOT NULL DEFAULT 'facilitator',
    is_active      BOOLEAN      NOT NULL DEFAULT true,
    last_login_at  TIMESTAMPTZ,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT facilitators_pkey PRIMARY KEY (id),
    -- the unique constraint's index carries the seed's index name (seed 002)
    CONSTRAINT idx_facilitators_email UNIQUE (email),
    CONSTRAINT facilitators_email_format_check
        CHECK (email ~* '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$'),
    CONSTRAINT facilitators_role_check CHECK (role IN ('facilitator', 'admin'))
);

CREATE TRIGGER trigger_validate_password
    BEFORE INSERT OR UPDATE ON facilitators
    FOR EACH ROW EXECUTE FUNCTION validate_password_complexity();

CREATE TRIGGER trigger_facilitators_updated_at
    BEFORE UPDATE ON facilitators
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- JWT session management
CREATE TABLE facilitator_sessions (
    id              UUID         NOT NULL DEFAULT uuid_generate_v4(),
    facilitator_id  UUID         NOT NULL,
    token_hash      VARCHAR(255) NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    device_info     JSONB,
    ip_address      INET,
    revoked_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT facilitator_sessions_pkey PRIMARY KEY (id),
    CONSTRAINT facilitator_sessions_facilitator_id_fkey FOREIGN KEY (facilitator_id)
        REFERENCES facilitators (id) ON DELETE CASCADE,
    CONSTRAINT facilitator_sessions_expiry_check CHECK (expires_at > created_at)
);

CREATE UNIQUE INDEX idx_facilitator_sessions_token ON facilitator_sessions (token_hash);
CREATE INDEX idx_facilitator_sessions_facilitator ON facilitator_sessions (facilitator_id);

-- ---------------------------------------------------------------------------
-- Classrooms
-- ---------------------------------------------------------------------------
CREATE TABLE classrooms (
    id              UUID         NOT NULL DEFAULT uuid_generate_v4(),
    facilitator_id  UUID         NOT NULL,
    name            VARCHAR(255) NOT NULL,
    classroom_code  VARCHAR(8)   NOT NULL,
    grade_level     INTEGER      NOT NULL,
    max_students    INTEGER      NOT NULL DEFAULT 30,
    is_active       BOOLEAN      NOT NULL DEFAULT true,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT classrooms_pkey PRIMARY KEY (id),
    CONSTRAINT classrooms_facilitator_id_fkey FOREIGN KEY (facilitator_id)
        REFERENCES facilitators (id) ON DELETE CASCADE,
    CONSTRAINT idx_classrooms_code UNIQUE (classroom_code),
    CONSTRAINT classrooms_classroom_code_format_check CHECK (classroom_code ~ '^[A-Z0-9]{6,8}$'),
    CONSTRAINT classrooms_grade_level_check CHECK (grade_level BETWEEN 4 AND 6),
    CONSTRAINT classrooms_max_students_check CHECK (max_students BETWEEN 1 AND 100)
);

CREATE INDEX idx_classrooms_facilitator ON classrooms (facilitator_id);
CREATE INDEX idx_classrooms_active_facilitator ON classrooms (facilitator_id) WHERE is_active = true;

CREATE TRIGGER trigger_classrooms_updated_at
    BEFORE UPDATE ON classrooms
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- Anonymous student sessions (NO PII)
-- ---------------------------------------------------------------------------
CREATE TABLE student_sessions (
    id                UUID         NOT NULL DEFAULT uuid_generate_v4(),
    classroom_id      UUID         NOT NULL,
    session_token     VARCHAR(255) NOT NULL,
    demographic_data  JSONB,
    is_active         BOOLEAN      NOT NULL DEFAULT true,
    last_activity_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at        TIMESTAMPTZ  NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT student_sessions_pkey PRIMARY KEY (id),
    CONSTRAINT student_sessions_classroom_id_fkey FOREIGN KEY (classroom_id)
        REFERENCES classrooms (id) ON DELETE CASCADE,
    CONSTRAINT student_sessions_session_token_key UNIQUE (session_token),
    CONSTRAINT student_sessions_expiry_check CHECK (expires_at > created_at),
    -- demographic data is limited to age range / grade level: an object, and
    -- never one carrying identifying keys
    CONSTRAINT student_sessions_demographic_data_check CHECK (
        demographic_data IS NULL
        OR (jsonb_typeof(demographic_data) = 'object'
            AND NOT (demographic_data ?| ARRAY['name', 'first_name', 'last_name', 'full_name',
                                               'email', 'phone', 'address', 'birth_date',
                                               'date_of_birth', 'dob']))
    )
);

CREATE INDEX idx_student_sessions_classroom ON student_sessions (classroom_id);
CREATE INDEX idx_student_sessions_active ON student_sessions (classroom_id, last_activity_at)
    WHERE is_active = true;
CREATE INDEX idx_student_sessions_created ON student_sessions (created_at);

CREATE TRIGGER trigger_student_sessions_updated_at
    BEFORE UPDATE ON student_sessions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- 12-lesson curriculum
-- ---------------------------------------------------------------------------
CREATE TABLE lessons (
    id                UUID         NOT NULL DEFAULT uuid_generate_v4(),
    lesson_number     INTEGER      NOT NULL,
    title             VARCHAR(255) NOT NULL,
    description       TEXT,
    objectives        JSONB,
    duration_minutes  INTEGER      NOT NULL DEFAULT 45,
    is_published      BOOLEAN      NOT NULL DEFAULT true,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT lessons_pkey PRIMARY KEY (id),
    CONSTRAINT lessons_lesson_number_key UNIQUE (lesson_number),
    CONSTRAINT lessons_lesson_number_check CHECK (lesson_number BETWEEN 1 AND 12),
    CONSTRAINT lessons_duration_minutes_check CHECK (duration_minutes BETWEEN 1 AND 240)
);

CREATE TRIGGER trigger_lessons_updated_at
    BEFORE UPDATE ON lessons
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Content delivery with offline capability
CREATE TABLE lesson_content (
    id                 UUID         NOT NULL DEFAULT uuid_generate_v4(),
    lesson_id          UUID         NOT NULL,
    content_type       VARCHAR(50)  NOT NULL,
    title              VARCHAR(255) NOT NULL,
    order_index        INTEGER      NOT NULL DEFAULT 0,
    file_path          VARCHAR(500),
    streaming_url      VARCHAR(500),
    offline_available  BOOLEAN      NOT NULL DEFAULT true,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT lesson_content_pkey PRIMARY KEY (id),
    CONSTRAINT lesson_content_lesson_id_fkey FOREIGN KEY (lesson_id)
        REFERENCES lessons (id) ON DELETE CASCADE,
    CONSTRAINT lesson_content_content_type_check
        CHECK (content_type IN ('video', 'activity', 'handout', 'discussion_guide', 'assessment')),
    CONSTRAINT lesson_content_order_index_check CHECK (order_index >= 0)
);

CREATE INDEX idx_lesson_content_lesson ON lesson_content (lesson_id);
CREATE INDEX idx_lesson_content_order ON lesson_content (lesson_id, order_index);

CREATE TRIGGER trigger_lesson_content_updated_at
    BEFORE UPDATE ON lesson_content
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- Progress, feedback and live classroom sessions
-- ---------------------------------------------------------------------------
CREATE TABLE student_progress (
    id                     UUID          NOT NULL DEFAULT uuid_generate_v4(),
    student_session_id     UUID          NOT NULL,
    lesson_id              UUID          NOT NULL,
    status                 VARCHAR(20)   NOT NULL DEFAULT 'not_started',
    completion_percentage  NUMERIC(5,2)  NOT NULL DEFAULT 0,
    score                  NUMERIC(5,2),
    time_spent_seconds     INTEGER       NOT NULL DEFAULT 0,
    started_at             TIMESTAMPTZ,
    completed_at           TIMESTAMPTZ,
    created_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT student_progress_pkey PRIMARY KEY (id),
    CONSTRAINT student_progress_student_session_id_fkey FOREIGN KEY (student_session_id)
        REFERENCES student_sessions (id) ON DELETE CASCADE,
    CONSTRAINT student_progress_lesson_id_fkey FOREIGN KEY (lesson_id)
        REFERENCES lessons (id) ON DELETE RESTRICT,
    CONSTRAINT student_progress_session_lesson_key UNIQUE (student_session_id, lesson_id),
    CONSTRAINT student_progress_status_check
        CHECK (status IN ('not_started', 'in_progress', 'completed')),
    CONSTRAINT student_progress_completion_percentage_check
        CHECK (completion_percentage BETWEEN 0 AND 100),
    CONSTRAINT student_progress_score_check CHECK (score BETWEEN 0 AND 100),
    CONSTRAINT student_progress_time_spent_check CHECK (time_spent_seconds >= 0),
    CONSTRAINT student_progress_completed_check
        CHECK (status <> 'completed' OR completed_at IS NOT NULL),
    CONSTRAINT student_progress_dates_check
        CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at)
);

CREATE INDEX idx_student_progress_analytics ON student_progress (student_session_id, lesson_id, completed_at);
CREATE INDEX idx_student_progress_lesson ON student_progress (lesson_id);
CREATE INDEX idx_student_progress_created ON student_progress (created_at);

CREATE TRIGGER trigger_student_progress_updated_at
    BEFORE UPDATE ON student_progress
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE student_feedback (
    id                  UUID         NOT NULL DEFAULT uuid_generate_v4(),
    student_session_id  UUID,
    classroom_id        UUID         NOT NULL,
    lesson_id           UUID         NOT NULL,
    feedback_type       VARCHAR(30)  NOT NULL DEFAULT 'lesson_rating',
    rating              SMALLINT,
    responses           JSONB        NOT NULL DEFAULT '{}'::jsonb,
    submitted_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT student_feedback_pkey PRIMARY KEY (id),
    CONSTRAINT student_feedback_student_session_id_fkey FOREIGN KEY (student_session_id)
        REFERENCES student_sessions (id) ON DELETE CASCADE,
    CONSTRAINT student_feedback_classroom_id_fkey FOREIGN KEY (classroom_id)
        REFERENCES classrooms (id) ON DELETE CASCADE,
    CONSTRAINT student_feedback_lesson_id_fkey FOREIGN KEY (lesson_id)
        REFERENCES lessons (id) ON DELETE RESTRICT,
    CONSTRAINT student_feedback_feedback_type_check
        CHECK (feedback_type IN ('lesson_rating', 'emotion_check', 'reflection', 'survey')),
    CONSTRAINT student_feedback_rating_check CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT student_feedback_responses_check CHECK (jsonb_typeof(responses) = 'object')
);

CREATE INDEX idx_student_feedback_lesson ON student_feedback (lesson_id);
CREATE INDEX idx_student_feedback_submitted ON student_feedback (submitted_at);
CREATE INDEX idx_student_feedback_session ON student_feedback (student_session_id);
CREATE INDEX idx_student_feedback_classroom ON student_feedback (classroom_id);

CREATE TABLE classroom_sessions (
    id                 UUID         NOT NULL DEFAULT uuid_generate_v4(),
    classroom_id       UUID         NOT NULL,
    lesson_id          UUID         NOT NULL,
    status             VARCHAR(20)  NOT NULL DEFAULT 'active',
    participant_count  INTEGER      NOT NULL DEFAULT 0,
    started_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    ended_at           TIMESTAMPTZ,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT classroom_sessions_pkey PRIMARY KEY (id),
    CONSTRAINT classroom_sessions_classroom_id_fkey FOREIGN KEY (classroom_id)
        REFERENCES classrooms (id) ON DELETE CASCADE,
    CONSTRAINT classroom_sessions_lesson_id_fkey FOREIGN KEY (lesson_id)
        REFERENCES lessons (id) ON DELETE RESTRICT,
    CONSTRAINT classroom_sessions_status_check
        CHECK (status IN ('scheduled', 'active', 'completed', 'cancelled')),
    CONSTRAINT classroom_sessions_participant_count_check CHECK (participant_count BETWEEN 0 AND 100),
    CONSTRAINT classroom_sessions_dates_check CHECK (ended_at IS NULL OR ended_at >= started_at)
);

CREATE INDEX idx_classroom_sessions_classroom ON classroom_sessions (classroom_id, started_at);
CREATE INDEX idx_classroom_sessions_lesson ON classroom_sessions (lesson_id);
CREATE INDEX idx_classroom_sessions_started ON classroom_sessions (started_at);

CREATE TRIGGER trigger_classroom_sessions_updated_at
    BEFORE UPDATE ON classroom_sessions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
