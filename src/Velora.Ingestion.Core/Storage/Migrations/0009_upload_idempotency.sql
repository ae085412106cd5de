-- Velora.Ingestion schema, version 9: idempotent uploads (docs/design.md §1).
-- An upload sent with an Idempotency-Key claims the key for its store before its body is read; once the file is
-- received, the claim records the request's fingerprint (SHA-256 of its options, file name and content). A repeat
-- within 24 h answers with the claimed import when its fingerprint is the same, 422 when it is not. A refused upload
-- gives its claim back. The gateway reads and writes the claims as velora_api, under row-level security.
CREATE TABLE upload_idempotency_keys (
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    idempotency_key  text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    import_id        uuid NOT NULL,
    fingerprint      bytea CHECK (fingerprint IS NULL OR length(fingerprint) = 32),
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);

ALTER TABLE upload_idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON upload_idempotency_keys
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON upload_idempotency_keys TO velora_api;
