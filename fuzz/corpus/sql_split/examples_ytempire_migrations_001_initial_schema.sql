-- 001_initial_schema: the YTEMPIRE core schema of seed 004 section 2.2 plus
-- the api_keys and workflows tables its schema tests require (section 3.1).
-- Named 001_initial_schema.sql because seed 004's conftest (line 529) loads
-- exactly that file.  The seed writes `INDEX name (col)` inside CREATE TABLE,
-- which PostgreSQL rejects; the same indexes are created with CREATE INDEX
-- below (DECISIONS.md, Y-01).  gen_random_uuid() is built in (PostgreSQL 13+),
-- so no extension is needed.

CREATE TABLE users (
    id                 UUID         NOT NULL DEFAULT gen_random_uuid(),
    email              VARCHAR(255) NOT NULL,
    username           VARCHAR(50)  NOT NULL,
    password_hash      VARCHAR(255) NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    status             VARCHAR(20)  NOT NULL DEFAULT 'active',
    subscription_tier  VARCHAR(20)  NOT NULL DEFAULT 'free',
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT email_format CHECK (email ~* '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$'),
    CONSTRAINT username_length CHECK (length(username) >= 3),
    CONSTRAINT users_status_check CHECK (status IN ('active', 'suspended', 'deleted')),
    CONSTRAINT users_subscription_tier_check
        CHECK (subscription_tier IN ('free', 'starter', 'professional', 'enterprise'))
);

CREATE TABLE channels (
    id                   UUID         NOT NULL DEFAULT gen_random_uuid(),
    user_id              UUID         NOT NULL,
    youtube_channel_id   VARCHAR(100) NOT NULL,
    channel_name         VARCHAR(255) NOT NULL,
    niche                VARCHAR(100) NOT NULL,
    status               VARCHAR(20)  NOT NULL DEFAULT 'active',
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    monetization_status  VARCHAR(20)  NOT NULL DEFAULT 'pending',
    CONSTRAINT channels_pkey PRIMARY KEY (id),
    CONSTRAINT channels_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT channels_youtube_channel_id_key UNIQUE (youtube_channel_id),
    -- target of workflows' (channel_id, user_id) foreign key
    CONSTRAINT channels_id_user_id_key UNIQUE (id, user_id),
    CONSTRAINT channels_status_check CHECK (status IN ('active', 'paused', 'suspended', 'archived')),
    CONSTRAINT channels_monetization_status_check
        CHECK (monetization_status IN ('pending', 'enabled', 'disabled', 'rejected'))
);

CREATE INDEX idx_user_channels ON channels (user_id);
CREATE INDEX idx_channel_status ON channels (status);

CREATE TABLE videos (
    id                UUID          NOT NULL DEFAULT gen_random_uuid(),
    channel_id        UUID          NOT NULL,
    title             VARCHAR(500)  NOT NULL,
    description       TEXT,
    youtube_video_id  VARCHAR(100),
    status            VARCHAR(20)   NOT NULL DEFAULT 'draft',
    generation_cost   DECIMAL(10,2),
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    published_at      TIMESTAMPTZ,
    view_count        BIGINT        NOT NULL DEFAULT 0,
    revenue           DECIMAL(10,2) NOT NULL DEFAULT 0,
    CONSTRAINT videos_pkey PRIMARY KEY (id),
    CONSTRAINT videos_channel_id_fkey FOREIGN KEY (channel_id)
        REFERENCES channels (id) ON DELETE CASCADE,
    CONSTRAINT videos_youtube_video_id_key UNIQUE (youtube_video_id),
    CONSTRAINT videos_status_check CHECK (status IN ('draft', 'processing', 'published', 'failed')),
    -- seed 004 section 4.1 validate_video_generation_cost: $0.10 .. $5.00
    CONSTRAINT videos_generation_cost_range CHECK (generation_cost BETWEEN 0.10 AND 5.00),
    CONSTRAINT videos_view_count_check CHECK (view_count >= 0),
    CONSTRAINT videos_revenue_check CHECK (revenue >= 0),
    -- seed 004 section 4.2 test_data_completeness
    CONSTRAINT videos_published_requires_youtube_id
        CHECK (status <> 'published' OR youtube_video_id IS NOT NULL),
    -- seed 004 section 4.2 test_temporal_consistency
    CONSTRAINT videos_published_after_created CHECK (published_at >= created_at)
);

CREATE INDEX idx_channel_videos ON videos (channel_id);
CREATE INDEX idx_video_status ON videos (status);
CREATE INDEX idx_published_date ON videos (published_at);

CREATE TABLE analytics (
    id                  UUID          NOT NULL DEFAULT gen_random_uuid(),
    video_id            UUID          NOT NULL,
    date                DATE          NOT NULL,
    views               INTEGER       NOT NULL DEFAULT 0,
    watch_time_minutes  DECIMAL(10,2) NOT NULL DEFAULT 0,
    subscribers_gained  INTEGER       NOT NULL DEFAULT 0,
    revenue             DECIMAL(10,2) NOT NULL DEFAULT 0,
    CONSTRAINT analytics_pkey PRIMARY KEY (id),
    CONSTRAINT analytics_video_id_fkey FOREIGN KEY (video_id)
        REFERENCES videos (id) ON DELETE CASCADE,
    CONSTRAINT analytics_video_id_date_key UNIQUE (video_id, date),
    CONSTRAINT analytics_views_check CHECK (views >= 0),
    CONSTRAINT analytics_watch_time_minutes_check CHECK (watch_time_minutes >= 0),
    CONSTRAINT analytics_revenue_check CHECK (revenue >= 0)
);

CREATE INDEX idx_analytics_date ON analytics (date);
-- redundant with analytics_video_id_date_key's leading column, kept because
-- seed 004 names it
CREATE INDEX idx_video_analytics ON analytics (video_id);

CREATE TABLE api_keys (
    id            UUID          NOT NULL DEFAULT gen_random_uuid(),
    user_id       UUID          NOT NULL,
    name          VARCHAR(100)  NOT NULL,
    key_prefix    VARCHAR(16)   NOT NULL,
    key_hash      VARCHAR(128)  NOT NULL,
    scopes        TEXT[]        NOT NULL DEFAULT '{}',
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    last_used_at  TIMESTAMPTZ,
    expires_at    TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    CONSTRAINT api_keys_pkey PRIMARY KEY (id),
    CONSTRAINT api_keys_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
    CONSTRAINT api_keys_key_prefix_check CHECK (length(key_prefix) >= 4),
    CONSTRAINT api_keys_expiry_check CHECK (expires_at > created_at),
    CONSTRAINT api_keys_revoked_check CHECK (revoked_at >= created_at)
);

CREATE INDEX idx_user_api_keys ON api_keys (user_id);
CREATE INDEX idx_api_keys_active ON api_keys (key_prefix) WHERE revoked_at IS NULL;

CREATE TABLE workflows (
    id             UUID          NOT NULL DEFAULT gen_random_uuid(),
    user_id        UUID          NOT NULL,
    channel_id     UUID,
    name           VARCHAR(255)  NOT NULL,
    workflow_type  VARCHAR(50)   NOT NULL,
    status         VARCHAR(20)   NOT NULL DEFAULT 'active',
    config         JSONB         NOT NULL DEFAULT '{}'::jsonb,
    schedule_cron  VARCHAR(100),
    last_run_at    TIMESTAMPTZ,
    next_run_at    TIMESTAMPTZ,
    created_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT workflows_pkey PRIMARY KEY (id),
    CONSTRAINT workflows_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (id) ON DELETE CASCADE,
    -- a workflow's channel must belong to the workflow's user
    CONSTRAINT workflows_channel_user_fkey FOREIGN KEY (channel_id, user_id)
        REFERENCES channels (id, user_id) ON DELETE CASCADE,
    CONSTRAINT workflows_workflow_type_check
        CHECK (workflow_type IN ('video_generation', 'publishing', 'analytics_sync',
                                 'thumbnail_generation', 'custom')),
    CONSTRAINT workflows_status_check CHECK (status IN ('active', 'paused', 'disabled', 'failed')),
    CONSTRAINT workflows_config_check CHECK (jsonb_typeof(config) = 'object')
);

CREATE INDEX idx_user_workflows ON workflows (user_id);
CREATE INDEX idx_channel_workflows ON workflows (channel_id);
CREATE INDEX idx_workflow_status ON workflows (status);
