-- Velora.Ingestion schema, version 14: what a failure needs to be fixed (docs/design.md §2, failures).
-- code is a stable name of the rule that refused the row (FailureCodes), column_name the file's header name of the
-- field at fault (NULL when the fault is the whole record), fields the record as it was read, so that the failures CSV
-- holds the store's own columns and can be fixed and uploaded again. Failures recorded before this version keep NULL
-- in all three. An erasure empties fields with the user id it redacts.
ALTER TABLE import_failures ADD COLUMN code text;
ALTER TABLE import_failures ADD COLUMN column_name text;
ALTER TABLE import_failures ADD COLUMN fields text[];
GRANT UPDATE (fields) ON import_failures TO velora_api;
