-- Velora.Ingestion schema, version 5: interaction types beyond purchase (docs/design.md §1).
-- value: a rating, or a custom event's value. event_type: a custom event's name (part of its identity key).
-- Both are nullable and have no default, so adding them rewrites nothing; purchases keep every value where it was.
ALTER TABLE interactions ADD COLUMN value numeric(19, 4);
ALTER TABLE interactions ADD COLUMN event_type text;
