-- Velora.Ingestion schema, version 20: each store's interactions in a partition of their own (LIST on tenant_id).
--
-- Why: the unique index (tenant_id, identity_key) of one shared table holds every store's keys in one B-tree. A store's
-- next file (time-ordered keys, newer than its history) lands at the end of its own key range, which is in the middle
-- of the index whenever a store created later has rows. PostgreSQL splits a full page in the middle of an index 50:50
-- (its "ascending insert" split only applies to keys of up to two bigints, and ours are 32 bytes), so every import there
-- split twice as many pages, left them half empty and wrote the WAL for it: measured with bench/run.sh --history, an
-- import took 0.74 of its time-with-no-history at 20M rows of history. In a partition of its own, a store's new keys
-- are the rightmost of its index, which PostgreSQL fills to 90 % and appends to.
--
-- The rule "every store has its partition, created with the store and dropped with it" lives here, in triggers on
-- tenants, so that whatever creates a tenant (the gateway's tenant command, a test, the benchmark) gets one.

CREATE FUNCTION interactions_partition_name(tenant uuid) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT 'interactions_' || replace(tenant::text, '-', '') $$;

-- Created apart, then attached: ATTACH PARTITION takes a SHARE UPDATE EXCLUSIVE lock on interactions, which running
-- imports' inserts do not wait for (CREATE TABLE … PARTITION OF would take an ACCESS EXCLUSIVE one).
CREATE FUNCTION interactions_add_partition(tenant uuid) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('CREATE TABLE %I (LIKE interactions INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', interactions_partition_name(tenant));
    EXECUTE format('ALTER TABLE interactions ATTACH PARTITION %I FOR VALUES IN (%L)', interactions_partition_name(tenant), tenant);
END
$$;

CREATE FUNCTION tenants_add_interactions_partition() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM interactions_add_partition(NEW.id);
    RETURN NULL;
END
$$;

-- A store's interactions are never dropped with it by accident: its rows must have been deleted first.
CREATE FUNCTION tenants_drop_interactions_partition() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    has_rows boolean;
BEGIN
    IF to_regclass(interactions_partition_name(OLD.id)) IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', interactions_partition_name(OLD.id)) INTO has_rows;
    IF has_rows THEN
        RAISE EXCEPTION 'store % still has interactions: delete them before the store', OLD.id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'interactions_tenant';
    END IF;
    EXECUTE format('DROP TABLE %I', interactions_partition_name(OLD.id));
    RETURN NULL;
END
$$;

ALTER TABLE interactions RENAME TO interactions_before_0020;
ALTER INDEX interactions_pkey RENAME TO interactions_before_0020_pkey;

CREATE TABLE interactions (
    LIKE interactions_before_0020 INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    PRIMARY KEY (tenant_id, identity_key)
) PARTITION BY LIST (tenant_id);

ALTER TABLE interactions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON interactions
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
-- The gateway reads and erases through the parent only: it has no right on the partitions themselves.
GRANT SELECT, DELETE ON interactions TO velora_api;

-- A partition for every store, and for any store id that has rows but no tenant row (there is no foreign key).
SELECT interactions_add_partition(id)
FROM (SELECT id FROM tenants UNION SELECT DISTINCT tenant_id FROM interactions_before_0020) AS stores;

-- In key order, so that each partition's index is built dense, as new imports will keep it.
INSERT INTO interactions SELECT * FROM interactions_before_0020 ORDER BY tenant_id, identity_key;
DROP TABLE interactions_before_0020;

CREATE TRIGGER tenants_interactions_partition_added AFTER INSERT ON tenants
    FOR EACH ROW EXECUTE FUNCTION tenants_add_interactions_partition();
CREATE TRIGGER tenants_interactions_partition_dropped AFTER DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION tenants_drop_interactions_partition();
