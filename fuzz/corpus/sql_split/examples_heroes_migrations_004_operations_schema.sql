-- 004_operations_schema: audit trail, security incidents, background job
-- queue and backup bookkeeping (seed 002 "Audit Logging", "Security Incident
-- Tracking", "Backup Configuration"; seed 001 job_queue index and
-- backup_health_status inputs).

CREATE TABLE audit_log (
    id           UUID          NOT NULL DEFAULT uuid_generate_v4(),
    table_name   VARCHAR(100)  NOT NULL,
    record_id    UUID,
    action       VARCHAR(50)   NOT NULL,
    old_values   JSONB,
    new_values   JSONB,
    changed_by   UUID,
    db_user      VARCHAR(128)  NOT NULL DEFAULT current_user,
    ip_address   INET,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT audit_log_pkey PRIMARY KEY (id),
    CONSTRAINT audit_log_action_check CHECK (action ~ '^[A-Z][A-Z_]{0,49}$')
);

CREATE INDEX idx_audit_log_table_created ON audit_log (table_name, created_at);
CREATE INDEX idx_audit_log_created ON audit_log (created_at);
CREATE INDEX idx_audit_log_record ON audit_log (record_id) WHERE record_id IS NOT NULL;

CREATE TABLE security_incidents (
    id              UUID          NOT NULL DEFAULT uuid_generate_v4(),
    incident_type   VARCHAR(50)   NOT NULL,
    severity        VARCHAR(20)   NOT NULL,
    description     TEXT,
    ip_address      INET,
    facilitator_id  UUID,
    metadata        JSONB,
    status          VARCHAR(20)   NOT NULL DEFAULT 'open',
    resolved_at     TIMESTAMPTZ,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT security_incidents_pkey PRIMARY KEY (id),
    CONSTRAINT security_incidents_facilitator_id_fkey FOREIGN KEY (facilitator_id)
        REFERENCES facilitators (id) ON DELETE SET NULL,
    CONSTRAINT security_incidents_severity_check
        CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    CONSTRAINT security_incidents_status_check
        CHECK (status IN ('open', 'investigating', 'resolved', 'dismissed')),
    CONSTRAINT security_incidents_resolved_check
        CHECK ((status IN ('resolved', 'dismissed')) = (resolved_at IS NOT NULL))
);

CREATE INDEX idx_security_incidents_created ON security_incidents (created_at);
CREATE INDEX idx_security_incidents_open ON security_incidents (severity, created_at)
    WHERE resolved_at IS NULL;
CREATE INDEX idx_security_incidents_facilitator ON security_incidents (facilitator_id);

CREATE TRIGGER trigger_security_incidents_updated_at
    BEFORE UPDATE ON security_incidents
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE job_queue (
    id            UUID          NOT NULL DEFAULT uuid_generate_v4(),
    job_type      VARCHAR(100)  NOT NULL,
    payload       JSONB         NOT NULL DEFAULT '{}'::jsonb,
    status        VARCHAR(20)   NOT NULL DEFAULT 'pending',
    priority      INTEGER       NOT NULL DEFAULT 5,
    scheduled_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    started_at    TIMESTAMPTZ,
    completed_at  TIMESTAMPTZ,
    attempts      INTEGER       NOT NULL DEFAULT 0,
    max_attempts  INTEGER       NOT NULL DEFAULT 3,
    last_error    TEXT,
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT job_queue_pkey PRIMARY KEY (id),
    CONSTRAINT job_queue_status_check
        CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
    CONSTRAINT job_queue_priority_check CHECK (priority BETWEEN 1 AND 10),
    CONSTRAINT job_queue_attempts_check CHECK (attempts >= 0 AND max_attempts >= 1),
    CONSTRAINT job_queue_dates_check CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at)
);

-- seed 001: partial index for pending jobs
CREATE INDEX idx_job_queue_pending ON job_queue (priority, scheduled_at) WHERE status = 'pending';
CREATE INDEX idx_job_queue_status_created ON job_queue (status, created_at);

CREATE TRIGGER trigger_job_queue_updated_at
    BEFORE UPDATE ON job_queue
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE backup_configurations (
    id                   UUID          NOT NULL DEFAULT uuid_generate_v4(),
    backup_name          VARCHAR(100)  NOT NULL,
    backup_type          VARCHAR(20)   NOT NULL,
    schedule_cron        VARCHAR(100)  NOT NULL,
    max_backup_age       INTERVAL      NOT NULL,
    retention_days       INTEGER       NOT NULL,
    storage_location     VARCHAR(500)  NOT NULL,
    compression_enabled  BOOLEAN       NOT NULL DEFAULT true,
    encryption_enabled   BOOLEAN       NOT NULL DEFAULT true,
    is_active            BOOLEAN       NOT NULL DEFAULT true,
    created_at           TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT backup_configurations_pkey PRIMARY KEY (id),
    CONSTRAINT backup_configurations_backup_name_key UNIQUE (backup_name),
    CONSTRAINT backup_configurations_backup_type_check
        CHECK (backup_type IN ('full', 'incremental', 'archive')),
    CONSTRAINT backup_configurations_max_backup_age_check CHECK (max_backup_age > interval '0'),
    CONSTRAINT backup_configurations_retention_days_check CHECK (retention_days > 0)
);

CREATE TRIGGER trigger_backup_configurations_updated_at
    BEFORE UPDATE ON backup_configurations
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE backup_execution_log (
    id                 UUID          NOT NULL DEFAULT uuid_generate_v4(),
    backup_config_id   UUID          NOT NULL,
    status             VARCHAR(20)   NOT NULL DEFAULT 'running',
    start_time         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    end_time           TIMESTAMPTZ,
    backup_size_bytes  BIGINT,
    file_path          VARCHAR(1000),
    checksum_sha256    VARCHAR(64),
    verified_at        TIMESTAMPTZ,
    error_message      TEXT,
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT backup_execution_log_pkey PRIMARY KEY (id),
    CONSTRAINT backup_execution_log_backup_config_id_fkey FOREIGN KEY (backup_config_id)
        REFERENCES backup_configurations (id) ON DELETE CASCADE,
    CONSTRAINT backup_execution_log_status_check
        CHECK (status IN ('running', 'completed', 'failed', 'expired')),
    CONSTRAINT backup_execution_log_size_check CHECK (backup_size_bytes >= 0),
    CONSTRAINT backup_execution_log_dates_check CHECK (end_time IS NULL OR end_time >= start_time),
    CONSTRAINT backup_execution_log_completed_check
        CHECK (status <> 'completed' OR end_time IS NOT NULL),
    CONSTRAINT backup_execution_log_checksum_check CHECK (checksum_sha256 ~ '^[a-f0-9]{64}$')
);

CREATE INDEX idx_backup_execution_log_config_status
    ON backup_execution_log (backup_config_id, status, end_time);
CREATE INDEX idx_backup_execution_log_start ON backup_execution_log (start_time);
