-- Authentication additions (REST API sign-in, see docs/api.md).

-- access tokens issued before this instant are refused ("sign out everywhere", password change, user disabled);
-- NULL = none refused
ALTER TABLE users ADD COLUMN tokens_valid_after TIMESTAMPTZ;
-- the last TOTP time step accepted for this user: a code is accepted once, not again within its validity
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;

-- API keys for automation against /api/v1/admin/** (not relay keys: those are api_keys)
CREATE TABLE admin_api_keys (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT        NOT NULL CHECK (name <> ''),
    -- SHA-256 of the whole key (rpa_...); the key is shown once at creation and never stored
    key_hash     BYTEA       NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    key_prefix   TEXT        NOT NULL,
    created_by   BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
