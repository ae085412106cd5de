-- Velora.Ingestion schema, version 11: reverting an import (docs/design.md §1, Revert).
-- A revert removes exactly the rows the import stored, one chunk per transaction: each chunk is read again from the
-- kept file, its rows' identity keys are deleted where this import stored them, and the chunk is marked reverted with
-- its count in the same transaction, so a worker killed half-way resumes where it stopped and the count stays exact.
-- The job goes succeeded|failed -> reverting -> reverted; the gateway may ask for it (velora_api, under row-level
-- security), the workers do it.
ALTER TABLE import_jobs ADD COLUMN revert_requested_at timestamptz;
ALTER TABLE import_jobs ADD COLUMN reverted_at timestamptz;
ALTER TABLE import_jobs ADD COLUMN rows_reverted bigint NOT NULL DEFAULT 0;
ALTER TABLE import_jobs ADD COLUMN chunks_reverted integer NOT NULL DEFAULT 0;
ALTER TABLE import_jobs ADD COLUMN status_before_revert text;
GRANT UPDATE (revert_requested_at, status_before_revert) ON import_jobs TO velora_api;

ALTER TABLE import_chunks ADD COLUMN reverted_at timestamptz;
ALTER TABLE import_chunks ADD COLUMN rows_reverted bigint;
