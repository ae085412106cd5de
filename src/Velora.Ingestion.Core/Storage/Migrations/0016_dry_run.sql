-- Velora.Ingestion schema, version 16: dry runs (POST /v1/imports?mode=validate) and their commit
-- (POST /v1/imports/{id}/commit); docs/design.md §1, Dry run.
-- A dry run runs the whole pipeline and stores no interaction: it ends as validated, with the summary the import would
-- give. Its chunks claim the keys they would store in validation_keys (emptied when the dry run ends), so that a row
-- repeated across chunks counts as a repeat exactly as in an import. A commit creates a new import of the same stored
-- file (validation_id points back at the dry run, commit_id forward at the import; a dry run is committed once).
ALTER TABLE import_jobs ADD COLUMN mode text NOT NULL DEFAULT 'import' CHECK (mode IN ('import', 'validate'));
ALTER TABLE import_jobs ADD COLUMN validation_id uuid REFERENCES import_jobs (id);
ALTER TABLE import_jobs ADD COLUMN commit_id uuid REFERENCES import_jobs (id);
CREATE UNIQUE INDEX import_jobs_validation ON import_jobs (validation_id) WHERE validation_id IS NOT NULL;
GRANT UPDATE (mode, commit_id) ON import_jobs TO velora_api;

CREATE TABLE validation_keys (
    import_id     uuid NOT NULL REFERENCES import_jobs (id),
    identity_key  uuid NOT NULL,
    PRIMARY KEY (import_id, identity_key)
);
