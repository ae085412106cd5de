-- Velora.Ingestion schema, version 15: every skipped row with its reason (docs/design.md §2, skipped rows), listed by
-- GET /v1/imports/{id}/failures?outcome=skipped. Written in the chunk's transaction, like its failures: a repeat
-- within the file points at this import, a row another import stored at that import (original_import_id, as it was
-- when the row was skipped), a row of an erased user at none. Imports counted before this version list none.
CREATE TABLE import_skips (
    import_id           uuid NOT NULL REFERENCES import_jobs (id),
    row_number          bigint NOT NULL,
    tenant_id           uuid NOT NULL,
    user_id             text NOT NULL,
    item_id             text NOT NULL,
    reason              text NOT NULL CHECK (reason IN ('duplicate_in_file', 'already_stored', 'erased_user')),
    original_import_id  uuid,
    PRIMARY KEY (import_id, row_number)
);

ALTER TABLE import_skips ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_skips USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT ON import_skips TO velora_api;
GRANT UPDATE (user_id) ON import_skips TO velora_api;
