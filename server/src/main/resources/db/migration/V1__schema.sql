-- Relaypool schema, version 1. Conventions:
--   ids are BIGINT identities; times are TIMESTAMPTZ; money is NUMERIC(20,10) in USD, never floating point;
--   rate multipliers are NUMERIC(12,6); closed sets of values are TEXT with a CHECK (lower-case wire names);
--   a NULL limit means "no limit"; secrets are BYTEA encrypted by CredentialCipher (AES-256-GCM).

CREATE TABLE users (
    id                       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email                    TEXT        NOT NULL CHECK (email LIKE '%_@_%'),
    display_name             TEXT        NOT NULL DEFAULT '',
    password_hash            TEXT        NOT NULL,
    password_change_required BOOLEAN     NOT NULL DEFAULT FALSE,
    role                     TEXT        NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
    status                   TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    balance                  NUMERIC(20, 10) NOT NULL DEFAULT 0,
    concurrency_limit        INTEGER     CHECK (concurrency_limit > 0),
    rpm_limit                INTEGER     CHECK (rpm_limit > 0),
    tpm_limit                BIGINT      CHECK (tpm_limit > 0),
    totp_secret              BYTEA,
    totp_enabled             BOOLEAN     NOT NULL DEFAULT FALSE,
    notes                    TEXT        NOT NULL DEFAULT '',
    last_login_at            TIMESTAMPTZ,
    created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (NOT totp_enabled OR totp_secret IS NOT NULL)
);
-- e-mail addresses are unique whatever their case
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE groups (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              TEXT        NOT NULL UNIQUE,
    description       TEXT        NOT NULL DEFAULT '',
    platform          TEXT        NOT NULL CHECK (platform IN ('anthropic', 'openai', 'gemini')),
    billing_type      TEXT        NOT NULL DEFAULT 'balance' CHECK (billing_type IN ('balance', 'subscription')),
    rate_multiplier   NUMERIC(12, 6) NOT NULL DEFAULT 1 CHECK (rate_multiplier >= 0),
    -- exclusive groups are open only to the users listed in user_allowed_groups
    exclusive         BOOLEAN     NOT NULL DEFAULT FALSE,
    daily_limit_usd   NUMERIC(20, 10) CHECK (daily_limit_usd >= 0),
    weekly_limit_usd  NUMERIC(20, 10) CHECK (weekly_limit_usd >= 0),
    monthly_limit_usd NUMERIC(20, 10) CHECK (monthly_limit_usd >= 0),
    rpm_limit         INTEGER     CHECK (rpm_limit > 0),
    tpm_limit         BIGINT      CHECK (tpm_limit > 0),
    status            TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE user_allowed_groups (
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id   BIGINT      NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, group_id)
);
CREATE INDEX user_allowed_groups_group_idx ON user_allowed_groups (group_id);

-- a per-user override of the group's rate multiplier
CREATE TABLE user_group_rates (
    user_id         BIGINT         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id        BIGINT         NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    rate_multiplier NUMERIC(12, 6) NOT NULL CHECK (rate_multiplier >= 0),
    updated_at      TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, group_id)
);

CREATE TABLE api_keys (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id           BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id          BIGINT      NOT NULL REFERENCES groups (id),
    name              TEXT        NOT NULL,
    -- SHA-256 of the whole key; the key itself is shown once at creation and never stored
    key_hash          BYTEA       NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    key_prefix        TEXT        NOT NULL,
    status            TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'revoked')),
    expires_at        TIMESTAMPTZ,
    quota_usd         NUMERIC(20, 10) CHECK (quota_usd >= 0),
    used_usd          NUMERIC(20, 10) NOT NULL DEFAULT 0,
    limit_5h_usd      NUMERIC(20, 10) CHECK (limit_5h_usd >= 0),
    limit_1d_usd      NUMERIC(20, 10) CHECK (limit_1d_usd >= 0),
    limit_7d_usd      NUMERIC(20, 10) CHECK (limit_7d_usd >= 0),
    concurrency_limit INTEGER     CHECK (concurrency_limit > 0),
    rpm_limit         INTEGER     CHECK (rpm_limit > 0),
    tpm_limit         BIGINT      CHECK (tpm_limit > 0),
    ip_allow          TEXT[]      NOT NULL DEFAULT '{}',
    ip_deny           TEXT[]      NOT NULL DEFAULT '{}',
    last_used_at      TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);
CREATE INDEX api_keys_group_idx ON api_keys (group_id);

CREATE TABLE proxies (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT        NOT NULL UNIQUE,
    protocol   TEXT        NOT NULL CHECK (protocol IN ('http', 'https', 'socks5')),
    host       TEXT        NOT NULL CHECK (host <> ''),
    port       INTEGER     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    username   TEXT,
    password   BYTEA,
    status     TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE upstream_accounts (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              TEXT        NOT NULL,
    platform          TEXT        NOT NULL CHECK (platform IN ('anthropic', 'openai', 'gemini')),
    type              TEXT        NOT NULL CHECK (type IN ('api_key', 'oauth')),
    -- NULL = the platform's official endpoint
    base_url          TEXT,
    -- encrypted JSON: the API key, or the OAuth access and refresh tokens
    credentials       BYTEA       NOT NULL,
    proxy_id          BIGINT      REFERENCES proxies (id) ON DELETE SET NULL,
    concurrency_limit INTEGER     NOT NULL DEFAULT 3 CHECK (concurrency_limit > 0),
    -- lower is tried first
    priority          INTEGER     NOT NULL DEFAULT 50,
    status            TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'error')),
    schedulable       BOOLEAN     NOT NULL DEFAULT TRUE,
    -- requested model name -> upstream model name
    model_mapping     JSONB       NOT NULL DEFAULT '{}',
    error_message     TEXT,
    token_expires_at  TIMESTAMPTZ,
    -- cooldowns and the last rate-limit headers seen, as the scheduler records them
    rate_limit_state  JSONB       NOT NULL DEFAULT '{}',
    notes             TEXT        NOT NULL DEFAULT '',
    last_used_at      TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX upstream_accounts_platform_status_idx ON upstream_accounts (platform, status);

CREATE TABLE account_groups (
    account_id BIGINT  NOT NULL REFERENCES upstream_accounts (id) ON DELETE CASCADE,
    group_id   BIGINT  NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    -- overrides the account's priority inside this group; lower is tried first
    priority   INTEGER NOT NULL DEFAULT 50,
    PRIMARY KEY (account_id, group_id)
);
CREATE INDEX account_groups_group_idx ON account_groups (group_id);

-- one row per client request (the attempt that answered); request_id makes settling idempotent
CREATE TABLE usage_log (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id            TEXT        NOT NULL UNIQUE,
    user_id               BIGINT      NOT NULL REFERENCES users (id),
    api_key_id            BIGINT      NOT NULL REFERENCES api_keys (id),
    group_id              BIGINT      NOT NULL REFERENCES groups (id),
    account_id            BIGINT      REFERENCES upstream_accounts (id) ON DELETE SET NULL,
    platform              TEXT        NOT NULL CHECK (platform IN ('anthropic', 'openai', 'gemini')),
    endpoint              TEXT        NOT NULL,
    requested_model       TEXT,
    upstream_model        TEXT,
    stream                BOOLEAN     NOT NULL,
    status_code           INTEGER     NOT NULL,
    input_tokens          BIGINT      NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
    output_tokens         BIGINT      NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
    cache_write_5m_tokens BIGINT      NOT NULL DEFAULT 0 CHECK (cache_write_5m_tokens >= 0),
    cache_write_1h_tokens BIGINT      NOT NULL DEFAULT 0 CHECK (cache_write_1h_tokens >= 0),
    cache_read_tokens     BIGINT      NOT NULL DEFAULT 0 CHECK (cache_read_tokens >= 0),
    input_cost            NUMERIC(20, 10) NOT NULL DEFAULT 0,
    output_cost           NUMERIC(20, 10) NOT NULL DEFAULT 0,
    cache_write_5m_cost   NUMERIC(20, 10) NOT NULL DEFAULT 0,
    cache_write_1h_cost   NUMERIC(20, 10) NOT NULL DEFAULT 0,
    cache_read_cost       NUMERIC(20, 10) NOT NULL DEFAULT 0,
    -- list price: the sum of the buckets
    total_cost            NUMERIC(20, 10) NOT NULL DEFAULT 0,
    -- what the member was charged: total_cost x rate_multiplier (0 when not charged)
    actual_cost           NUMERIC(20, 10) NOT NULL DEFAULT 0,
    rate_multiplier       NUMERIC(12, 6)  NOT NULL DEFAULT 1,
    billing_type          TEXT        NOT NULL CHECK (billing_type IN ('balance', 'subscription')),
    duration_ms           BIGINT      NOT NULL CHECK (duration_ms >= 0),
    first_token_ms        BIGINT      CHECK (first_token_ms >= 0),
    error_class           TEXT,
    client_ip             TEXT,
    user_agent            TEXT,
    created_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX usage_log_user_time_idx ON usage_log (user_id, created_at DESC);
CREATE INDEX usage_log_key_time_idx ON usage_log (api_key_id, created_at DESC);
CREATE INDEX usage_log_account_time_idx ON usage_log (account_id, created_at DESC);
CREATE INDEX usage_log_group_time_idx ON usage_log (group_id, created_at DESC);
CREATE INDEX usage_log_time_idx ON usage_log (created_at DESC);

-- every change of a user's balance; (reason, ref) makes each charge or credit happen at most once
CREATE TABLE balance_ledger (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    amount        NUMERIC(20, 10) NOT NULL,
    balance_after NUMERIC(20, 10) NOT NULL,
    reason        TEXT        NOT NULL CHECK (reason IN ('usage', 'redeem', 'admin_adjust', 'refund', 'bonus')),
    -- request id, redeem code id, audit entry id ...
    ref           TEXT,
    actor_user_id BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX balance_ledger_user_time_idx ON balance_ledger (user_id, created_at DESC);
CREATE UNIQUE INDEX balance_ledger_reason_ref_key ON balance_ledger (reason, ref) WHERE ref IS NOT NULL;

CREATE TABLE redeem_codes (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          TEXT        NOT NULL UNIQUE,
    type          TEXT        NOT NULL CHECK (type IN ('balance', 'subscription', 'concurrency')),
    -- USD for balance, slots for concurrency; for subscription, unused (1)
    value         NUMERIC(20, 10) NOT NULL CHECK (value > 0),
    group_id      BIGINT      REFERENCES groups (id) ON DELETE SET NULL,
    validity_days INTEGER     CHECK (validity_days > 0),
    status        TEXT        NOT NULL DEFAULT 'unused' CHECK (status IN ('unused', 'used', 'disabled')),
    used_by       BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    used_at       TIMESTAMPTZ,
    expires_at    TIMESTAMPTZ,
    batch_id      TEXT,
    notes         TEXT        NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (type <> 'subscription' OR validity_days IS NOT NULL),
    CHECK ((status = 'used') = (used_at IS NOT NULL))
);
CREATE INDEX redeem_codes_batch_idx ON redeem_codes (batch_id);

CREATE TABLE user_subscriptions (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id              BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id             BIGINT      NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    starts_at            TIMESTAMPTZ NOT NULL,
    expires_at           TIMESTAMPTZ NOT NULL,
    status               TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired', 'cancelled')),
    daily_window_start   TIMESTAMPTZ,
    daily_usage_usd      NUMERIC(20, 10) NOT NULL DEFAULT 0,
    weekly_window_start  TIMESTAMPTZ,
    weekly_usage_usd     NUMERIC(20, 10) NOT NULL DEFAULT 0,
    monthly_window_start TIMESTAMPTZ,
    monthly_usage_usd    NUMERIC(20, 10) NOT NULL DEFAULT 0,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (expires_at > starts_at)
);
-- at most one active subscription per user and group: a renewal extends it
CREATE UNIQUE INDEX user_subscriptions_active_key ON user_subscriptions (user_id, group_id) WHERE status = 'active';
CREATE INDEX user_subscriptions_user_idx ON user_subscriptions (user_id);

CREATE TABLE settings (
    key        TEXT        PRIMARY KEY,
    value      JSONB       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_user_id BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    -- the actor's e-mail at the time (kept when the user is deleted), or 'system'
    actor         TEXT        NOT NULL,
    action        TEXT        NOT NULL,
    target_type   TEXT,
    target_id     TEXT,
    detail        JSONB       NOT NULL DEFAULT '{}',
    ip            TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_time_idx ON audit_log (created_at DESC);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);

-- operator prices per model in USD per million tokens; a NULL bucket falls back to the catalogue
CREATE TABLE price_overrides (
    model                      TEXT        PRIMARY KEY,
    input_per_mtok             NUMERIC(20, 10) CHECK (input_per_mtok >= 0),
    output_per_mtok            NUMERIC(20, 10) CHECK (output_per_mtok >= 0),
    cache_write_5m_per_mtok    NUMERIC(20, 10) CHECK (cache_write_5m_per_mtok >= 0),
    cache_write_1h_per_mtok    NUMERIC(20, 10) CHECK (cache_write_1h_per_mtok >= 0),
    cache_read_per_mtok        NUMERIC(20, 10) CHECK (cache_read_per_mtok >= 0),
    -- prompts longer than this (tokens) are billed at the *_above_threshold prices
    long_context_threshold     BIGINT      CHECK (long_context_threshold > 0),
    input_above_threshold_per_mtok  NUMERIC(20, 10) CHECK (input_above_threshold_per_mtok >= 0),
    output_above_threshold_per_mtok NUMERIC(20, 10) CHECK (output_above_threshold_per_mtok >= 0),
    updated_at                 TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- price catalogues in the LiteLLM JSON format, as loaded; the newest row per source is in force
CREATE TABLE price_catalogues (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source    TEXT        NOT NULL,
    content   JSONB       NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX price_catalogues_source_time_idx ON price_catalogues (source, loaded_at DESC);

-- login sessions: one row per refresh token; a rotation adds a row to the same family, and a token presented
-- after it was rotated revokes the whole family (token theft)
CREATE TABLE refresh_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   BYTEA       NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    family       UUID        NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    rotated_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    user_agent   TEXT,
    ip           TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family);

CREATE TABLE invitation_codes (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       TEXT        NOT NULL UNIQUE,
    created_by BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    max_uses   INTEGER     NOT NULL DEFAULT 1 CHECK (max_uses > 0),
    used_count INTEGER     NOT NULL DEFAULT 0 CHECK (used_count >= 0),
    status     TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    expires_at TIMESTAMPTZ,
    notes      TEXT        NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (used_count <= max_uses)
);
