-- Velora.Ingestion schema, version 17: the readiness report (GET /v1/imports/{id}/report; docs/design.md §2).
-- Each chunk keeps a profile of its valid rows in its own transaction: rows, rows without a timestamp, the time span,
-- and its users (32-bit hash and row count, 6 bytes each) and items (32-bit hash, 4 bytes each). The report adds the profiles up,
-- so it never reads the file again. The hashes are random: they are stored as they are, without trying to compress them.
ALTER TABLE import_chunks ADD COLUMN profile_rows integer;
ALTER TABLE import_chunks ADD COLUMN profile_without_timestamp integer;
ALTER TABLE import_chunks ADD COLUMN profile_first timestamptz;
ALTER TABLE import_chunks ADD COLUMN profile_last timestamptz;
ALTER TABLE import_chunks ADD COLUMN profile_users bytea;
ALTER TABLE import_chunks ADD COLUMN profile_items bytea;
ALTER TABLE import_chunks ALTER COLUMN profile_users SET STORAGE EXTERNAL;
ALTER TABLE import_chunks ALTER COLUMN profile_items SET STORAGE EXTERNAL;

-- The gateway reads the profiles of its own store's imports only.
ALTER TABLE import_chunks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_chunks
    USING (EXISTS (SELECT 1 FROM import_jobs j WHERE j.id = import_chunks.import_id AND j.tenant_id = current_tenant_id()));
GRANT SELECT ON import_chunks TO velora_api;

-- Every user and item a store has had, by hash, with when it was first seen: "never seen before" is one index probe.
-- Added to when an import ends (once per import, not per chunk). An erasure removes its users.
CREATE TABLE store_users (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    user_hash      bigint NOT NULL,
    first_seen_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_hash)
);
CREATE TABLE store_items (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    item_hash      bigint NOT NULL,
    first_seen_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, item_hash)
);
ALTER TABLE store_users ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON store_users USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE store_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON store_items USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT ON store_users, store_items TO velora_api;
GRANT DELETE ON store_users TO velora_api;
ALTER TABLE import_jobs ADD COLUMN profile_recorded_at timestamptz;
