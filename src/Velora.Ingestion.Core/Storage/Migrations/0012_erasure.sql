-- Velora.Ingestion schema, version 12: per-user erasure (docs/design.md §1, Erasure).
-- POST /v1/erasures deletes every interaction of the given users of a store, redacts their user id in recorded
-- failures (the failure and its row number stay, so counts still add up), and keeps a
-- tombstone per user, so that a later import of an old export skips their rows (skipped_by_reason.erased_user).
-- The erasure and the chunk transactions meet on one advisory lock per store: an erasure waits for the chunks being
-- written to commit (then deletes their rows too), and a chunk that starts after it sees its tombstones.
CREATE TABLE erasures (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    user_count    integer NOT NULL CHECK (user_count > 0),
    rows_deleted  bigint NOT NULL CHECK (rows_deleted >= 0),
    failures_redacted bigint NOT NULL CHECK (failures_redacted >= 0),
    created_at    timestamptz NOT NULL,
    completed_at  timestamptz NOT NULL
);

CREATE TABLE erased_users (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    user_id     text NOT NULL,
    erasure_id  uuid NOT NULL REFERENCES erasures (id),
    PRIMARY KEY (tenant_id, user_id)
);

ALTER TABLE erasures ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON erasures USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE erased_users ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON erased_users USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON erasures TO velora_api;
GRANT SELECT, INSERT, UPDATE ON erased_users TO velora_api;
GRANT DELETE ON interactions TO velora_api;
GRANT UPDATE (user_id) ON import_failures TO velora_api;
