-- Velora.Ingestion schema, version 19: the database enforces an import's lifecycle (ImportLifecycle in the code).
-- "refused" becomes a status of its own. Before, an import the gateway could not hand to the broker, or whose upload
-- never completed, was kept as failed with its completion marked published (so that nothing would announce it).
-- Those rows become refused, and their completion is no longer marked published: none was ever sent.
UPDATE import_jobs SET status = 'refused', completion_published_at = NULL
WHERE status = 'failed' AND started_at IS NULL AND completion_published_at IS NOT NULL
  AND (error LIKE 'Refused:%' OR error = 'The upload was not completed');

ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_status_known
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'validated', 'refused', 'reverting', 'reverted'));
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_status_before_revert_revertible
    CHECK (status_before_revert IN ('succeeded', 'failed'));

-- The moves ImportLifecycle.Transitions lists, one row each (a test compares the two tables).
CREATE FUNCTION import_status_change_allowed(from_status text, to_status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT (from_status, to_status) IN (
        ('queued', 'running'), ('queued', 'refused'), ('queued', 'failed'),
        ('running', 'succeeded'), ('running', 'validated'), ('running', 'failed'),
        ('succeeded', 'reverting'), ('failed', 'reverting'),
        ('reverting', 'succeeded'), ('reverting', 'failed'), ('reverting', 'reverted'))
    $$;

CREATE FUNCTION import_jobs_refuse_illegal_status_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NOT import_status_change_allowed(OLD.status, NEW.status) THEN
        RAISE EXCEPTION 'import % cannot go from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'import_jobs_status_change';
    END IF;
    RETURN NEW;
END
$$;

-- Only rows whose status really changes pay for the check: a chunk's counter update that leaves it running does not.
CREATE TRIGGER import_jobs_status_change
    BEFORE UPDATE OF status ON import_jobs
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION import_jobs_refuse_illegal_status_change();

GRANT EXECUTE ON FUNCTION import_status_change_allowed(text, text) TO velora_api;

-- The completion sweeper's index leaves out refused imports, which are never announced.
DROP INDEX import_jobs_unpublished;
CREATE INDEX import_jobs_unpublished ON import_jobs (completed_at)
    WHERE completed_at IS NOT NULL AND completion_published_at IS NULL AND status <> 'refused';
