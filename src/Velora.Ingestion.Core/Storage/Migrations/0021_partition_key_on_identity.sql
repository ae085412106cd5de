-- Velora.Ingestion schema, version 21: each store's partition is keyed by identity_key alone.
--
-- Why: since schema 20 a partition holds one store, so the tenant_id half of the key (tenant_id, identity_key) was the
-- same in every entry of a partition's index: 16 bytes more per entry and one more comparison per step down the
-- B-tree, on every row an import writes. With the key on identity_key alone, 1M rows written 2 chunks at a time took
-- 1.41-1.73 s against 1.42-2.03 s (medians 1.51 and 1.76; PostgreSQL's CPU 2.31-2.65 against 2.31-3.11 s) and the
-- index was 39 MB against 62 MB (bench/README.md). An identity_key stays unique per store: a partition holds one store.
--
-- A partitioned table's unique key must contain its partition key, so the parent no longer has one; the key is each
-- partition's own, and the function that creates a store's partition now creates it with it. INSERT … ON CONFLICT on
-- the parent takes the partition's key as its arbiter when it names none (ChunkWriter's staging insert does that).

CREATE OR REPLACE FUNCTION interactions_add_partition(tenant uuid) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('CREATE TABLE %I (LIKE interactions INCLUDING DEFAULTS INCLUDING CONSTRAINTS, PRIMARY KEY (identity_key))',
        interactions_partition_name(tenant));
    EXECUTE format('ALTER TABLE interactions ATTACH PARTITION %I FOR VALUES IN (%L)', interactions_partition_name(tenant), tenant);
END
$$;

-- Dropping the parent's key drops each partition's part of it; each partition then gets its own, checked on its rows.
ALTER TABLE interactions DROP CONSTRAINT interactions_pkey;

DO $$
DECLARE
    partition regclass;
BEGIN
    FOR partition IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'interactions'::regclass LOOP
        EXECUTE format('ALTER TABLE %s ADD PRIMARY KEY (identity_key)', partition);
    END LOOP;
END
$$;
