-- Velora.Ingestion schema, version 13: an import may be recorded as the correction of an earlier one of its store
-- (POST /v1/imports?parent_id=...). The status of each shows the link: parent_id on the correction, corrections on
-- the original.
ALTER TABLE import_jobs ADD COLUMN parent_id uuid REFERENCES import_jobs (id);
CREATE INDEX import_jobs_parent ON import_jobs (parent_id) WHERE parent_id IS NOT NULL;
GRANT UPDATE (parent_id) ON import_jobs TO velora_api;
