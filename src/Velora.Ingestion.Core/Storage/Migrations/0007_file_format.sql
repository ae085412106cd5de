-- Velora.Ingestion schema, version 7: files in other delimiters and encodings (docs/design.md §1).
-- Before planning, delimiter and encoding hold what the upload asked for (NULL: detect); planning replaces them with
-- what every chunk reads the file with. Jobs planned before this version were comma-separated UTF-8.
ALTER TABLE import_jobs ADD COLUMN delimiter text CHECK (delimiter IN (',', ';', E'\t', '|'));
ALTER TABLE import_jobs ADD COLUMN encoding text;
UPDATE import_jobs SET delimiter = ',', encoding = 'utf-8' WHERE chunk_count IS NOT NULL;
