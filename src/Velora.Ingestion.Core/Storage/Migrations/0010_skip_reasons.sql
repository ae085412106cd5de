-- Velora.Ingestion schema, version 10: why rows were skipped (docs/design.md §2, skipped_by_reason).
-- Each job counts its skipped rows by reason: a row repeated within the file, a row another import stored, a row of an
-- erased user. Jobs counted before this version keep NULL (their reasons were not recorded); new jobs start at 0.
ALTER TABLE import_jobs ADD COLUMN skipped_duplicate_in_file bigint;
ALTER TABLE import_jobs ADD COLUMN skipped_already_stored bigint;
ALTER TABLE import_jobs ADD COLUMN skipped_erased_user bigint;
ALTER TABLE import_jobs ALTER COLUMN skipped_duplicate_in_file SET DEFAULT 0;
ALTER TABLE import_jobs ALTER COLUMN skipped_already_stored SET DEFAULT 0;
ALTER TABLE import_jobs ALTER COLUMN skipped_erased_user SET DEFAULT 0;

ALTER TABLE import_chunks ADD COLUMN skipped_duplicate_in_file bigint;
ALTER TABLE import_chunks ADD COLUMN skipped_already_stored bigint;
