-- 005_archive_tables: the six archive tables of seed 002 ("Archive Tables").
-- Each has exactly the source table's columns (same order, types, NOT NULL
-- and CHECK constraints) followed by archived_at.  No foreign keys and no
-- defaults: archived rows must outlive their parents, and rows only ever
-- arrive from execute_data_retention_policy (009).
CREATE TABLE student_sessions_archive (
    LIKE student_sessions INCLUDING CONSTRAINTS,
    archived_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT student_sessions_archive_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_student_sessions_archive_archived ON student_sessions_archive (archived_at);

CREATE TABLE student_progress_archive (
    LIKE student_progress INCLUDING CONSTRAINTS,
    archived_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT student_progress_archive_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_student_progress_archive_archived ON student_progress_archive (archived_at);

CREATE TABLE student_feedback_archive (
    LIKE student_feedback INCLUDING CONSTRAINTS,
    archived_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT student_feedback_archive_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_student_feedback_archive_archived ON student_feedback_archive (archived_at);

CREATE TABLE classroom_sessions_archive (
    LIKE classroom_sessions INCLUDING CONSTRAINTS,
    archived_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT classroom_sessions_archive_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_classroom_sessions_archive_archived ON classroom_sessions_archive (archived_at);

CREATE TABLE audit_log_archive (
    LIKE audit_log INCLUDING CONSTRAINTS,
    archived_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT audit_log_archive_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_audit_log_archive_archived ON audit_log_archive (archived_at);

CREATE TABLE security_incidents_archive (
    LIKE security_incidents INCLUDING CONSTRAINTS,
    archived_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT security_incidents_archive_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_security_incidents_archive_archived ON security_incidents_archive (archived_at);
