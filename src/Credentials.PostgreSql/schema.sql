-- Schema of Credentials.PostgreSql, version 1.
--
-- PostgreSqlSchema.EnsureCreatedAsync runs this very script (embedded in the assembly) inside one transaction
-- holding a transaction-level advisory lock, so several instances starting at once create it exactly once.
-- To create it by hand instead (a role without CREATE rights at run time), run it once as the schema owner:
--
--   psql "host=... dbname=... user=owner" --single-transaction -v ON_ERROR_STOP=1 -f schema.sql
--
-- then grant the application role SELECT, INSERT, UPDATE, DELETE on the tables and USAGE on the schema.
-- Every statement is idempotent. To use another schema name, replace each "credentials" qualifier below.

CREATE SCHEMA IF NOT EXISTS credentials;

-- The versions applied; EnsureCreatedAsync compares the highest with the one it expects.
CREATE TABLE IF NOT EXISTS credentials.schema_version (
    version integer NOT NULL PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- Short-lived, single-use protocol state: pre-authorized codes, access tokens, nonces, DPoP jti values, offers,
-- OpenID4VP transactions. A key is unique per kind and is not reused while its row exists, expired or not.
CREATE TABLE IF NOT EXISTS credentials.protocol_state (
    kind text NOT NULL,
    key text NOT NULL,
    value text NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX IF NOT EXISTS protocol_state_expiry ON credentials.protocol_state (expires_at);

-- One row per Status List: its shape, how many indices were handed out, and the last published token.
-- Allocation locks this row (SELECT ... FOR UPDATE), which serialises allocations of one list across processes.
CREATE TABLE IF NOT EXISTS credentials.status_lists (
    uri text NOT NULL PRIMARY KEY,
    bits smallint NOT NULL CHECK (bits IN (1, 2, 4, 8)),
    capacity bigint NOT NULL CHECK (capacity > 0),
    allocated bigint NOT NULL DEFAULT 0 CHECK (allocated >= 0 AND allocated <= capacity),
    token text NULL,
    token_saved_at timestamptz NULL
);

-- One row per allocated index (status 0, VALID, until changed): the primary key makes a second allocation of an
-- index impossible, whatever the application does.
CREATE TABLE IF NOT EXISTS credentials.status_entries (
    list_uri text NOT NULL REFERENCES credentials.status_lists (uri) ON DELETE CASCADE,
    idx bigint NOT NULL CHECK (idx >= 0),
    status smallint NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 255),
    PRIMARY KEY (list_uri, idx)
);
CREATE INDEX IF NOT EXISTS status_entries_set ON credentials.status_entries (list_uri, idx) WHERE status <> 0;

-- Idempotent reservations: the indices a job (keyed by the caller) took, by position, so a rerun gets them back.
CREATE TABLE IF NOT EXISTS credentials.status_reservations (
    list_uri text NOT NULL,
    reservation text NOT NULL,
    position integer NOT NULL CHECK (position >= 0),
    idx bigint NOT NULL,
    PRIMARY KEY (list_uri, reservation, position),
    FOREIGN KEY (list_uri, idx) REFERENCES credentials.status_entries (list_uri, idx) ON DELETE CASCADE
);

INSERT INTO credentials.schema_version (version) VALUES (1) ON CONFLICT (version) DO NOTHING;
