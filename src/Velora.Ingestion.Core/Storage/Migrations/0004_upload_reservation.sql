-- Velora.Ingestion schema, version 4: an upload takes its place among the store's active imports before its body is
-- read, so parallel uploads cannot overshoot Gateway:MaxActiveImportsPerTenant. received_at is set once the file is
-- stored; a job without it is an upload in progress (or one whose gateway died, ended by the worker's sweeper).
ALTER TABLE import_jobs ADD COLUMN received_at timestamptz;
UPDATE import_jobs SET received_at = created_at;

GRANT UPDATE (file_name, total_bytes, received_at) ON import_jobs TO velora_api;
-- Only to give back the place of an upload that was refused or broken off; row-level security keeps it to the tenant.
GRANT DELETE ON import_jobs TO velora_api;
