-- Velora.Ingestion schema, version 3.
-- done_by: which worker process imported each chunk (host and process id), for operators following an import across
-- machines.
-- published_at: when the chunk's message was sent. An import keeps only a window of chunks in the shared queue and
-- each finished chunk sends the next, so the import of another store queues behind a few chunks, not behind a whole file.
ALTER TABLE import_chunks ADD COLUMN done_by text;
ALTER TABLE import_chunks ADD COLUMN published_at timestamptz;

-- Chunks planned before this version had their messages sent at planning.
UPDATE import_chunks SET published_at = coalesce(done_at, now());

CREATE INDEX import_chunks_unpublished ON import_chunks (import_id, chunk_index) WHERE published_at IS NULL;
