-- Velora.Ingestion schema, version 1.
CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- API keys are stored only as SHA-256 hashes.
CREATE TABLE api_keys (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    key_hash    bytea NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE TABLE import_jobs (
    id                       uuid PRIMARY KEY,
    tenant_id                uuid NOT NULL REFERENCES tenants (id),
    interaction_type         text NOT NULL,
    blob_key                 text NOT NULL,
    file_name                text,
    columns                  text[],
    status                   text NOT NULL,
    error                    text,
    total_bytes              bigint,
    total_rows               bigint,
    chunk_count              integer,
    chunks_done              integer NOT NULL DEFAULT 0,
    bytes_done               bigint NOT NULL DEFAULT 0,
    processed                bigint NOT NULL DEFAULT 0,
    succeeded                bigint NOT NULL DEFAULT 0,
    skipped                  bigint NOT NULL DEFAULT 0,
    failed                   bigint NOT NULL DEFAULT 0,
    created_at               timestamptz NOT NULL DEFAULT now(),
    started_at               timestamptz,
    completed_at             timestamptz,
    completion_published_at  timestamptz
);

CREATE INDEX import_jobs_tenant_created ON import_jobs (tenant_id, created_at DESC);
CREATE INDEX import_jobs_unpublished ON import_jobs (completed_at) WHERE completed_at IS NOT NULL AND completion_published_at IS NULL;

-- One row per planned chunk: where it starts in the file and how many records it holds.
-- done_at is set in the same transaction that writes the chunk's rows, so a redelivered chunk is recognised.
CREATE TABLE import_chunks (
    import_id    uuid NOT NULL REFERENCES import_jobs (id),
    chunk_index  integer NOT NULL,
    byte_offset  bigint NOT NULL,
    byte_length  bigint NOT NULL,
    first_row    bigint NOT NULL,
    row_count    integer NOT NULL,
    done_at      timestamptz,
    processed    integer,
    succeeded    integer,
    skipped      integer,
    failed       integer,
    PRIMARY KEY (import_id, chunk_index)
);

CREATE TABLE import_failures (
    import_id   uuid NOT NULL REFERENCES import_jobs (id),
    row_number  bigint NOT NULL,
    tenant_id   uuid NOT NULL,
    user_id     text NOT NULL,
    item_id     text NOT NULL,
    error       text NOT NULL,
    failed_at   timestamptz NOT NULL,
    PRIMARY KEY (import_id, row_number)
);

-- An interaction's identity (tenant, type, user, item, timestamp) is kept as one 128-bit hash:
-- a unique index on one uuid is several times cheaper to maintain than one on four text columns.
CREATE TABLE interactions (
    tenant_id         uuid NOT NULL,
    identity_key      uuid NOT NULL,
    interaction_type  text NOT NULL,
    user_id           text NOT NULL,
    item_id           text NOT NULL,
    occurred_at       timestamptz,
    quantity          integer,
    price             numeric(19, 4),
    properties        jsonb,
    import_id         uuid NOT NULL,
    row_number        bigint NOT NULL,
    PRIMARY KEY (tenant_id, identity_key)
);
