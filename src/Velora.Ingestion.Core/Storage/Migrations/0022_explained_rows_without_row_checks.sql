-- Velora.Ingestion schema, version 22: a failure or a skipped row no longer checks its import's row as it is written.
--
-- Why: the foreign keys import_failures.import_id and import_skips.import_id ran one lookup of import_jobs per row, each
-- taking a KEY SHARE lock on the job's row, which every chunk of the import also updates. Measured on the local stack
-- (bench/README.md, "Failures and skips"): 200,000 rows that all fail took 1.69-1.94 s to import with the key and
-- 0.62-0.73 s without it; the same 200,000 rows uploaded again, all skipped as already stored, 2.59-3.46 s with the
-- skips' key and 1.38-1.51 s without. In the benchmark's 1 %-bad file, a chunk's 200 failures took 3.9 ms to write
-- (median) with the key and 1.3 ms without it.
--
-- What still holds, and where: these rows are written only in a chunk's transaction, which holds the lock on its
-- import_chunks row, and import_chunks keeps its foreign key to import_jobs (checked once per chunk, when it is
-- planned). A job is never deleted while its chunk runs: its chunks must go first, and deleting one waits for that
-- lock. The half of the key that matters afterwards stays in the database: a job whose failures or skipped rows are
-- still kept cannot be deleted (whoever deletes old imports must delete those first, docs/scaling.md). The check runs
-- as the schema owner, so that it sees every such row whatever the deleting role's row-level security shows it.
ALTER TABLE import_failures DROP CONSTRAINT import_failures_import_id_fkey;
ALTER TABLE import_skips DROP CONSTRAINT import_skips_import_id_fkey;

CREATE FUNCTION import_jobs_refuse_delete_with_explained_rows() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM import_failures WHERE import_id = OLD.id) THEN
        RAISE EXCEPTION 'import % still has failures: delete them before the import', OLD.id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'import_failures_import';
    END IF;
    IF EXISTS (SELECT 1 FROM import_skips WHERE import_id = OLD.id) THEN
        RAISE EXCEPTION 'import % still has skipped rows: delete them before the import', OLD.id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'import_skips_import';
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER import_jobs_keep_explained_rows BEFORE DELETE ON import_jobs
    FOR EACH ROW EXECUTE FUNCTION import_jobs_refuse_delete_with_explained_rows();
