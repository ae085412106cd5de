-- Velora.Ingestion schema, version 8: a store's own column names and properties (docs/design.md §1).
-- interaction_type_settings: per store and type, the saved mapping of header names to Velora's columns, and the
-- declared properties (name, kind, required). The gateway writes them as velora_api, under row-level security.
CREATE TABLE interaction_type_settings (
    tenant_id         uuid NOT NULL REFERENCES tenants (id),
    interaction_type  text NOT NULL,
    mapping           jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(mapping) = 'object'),
    properties        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(properties) = 'array'),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, interaction_type)
);

ALTER TABLE interaction_type_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON interaction_type_settings
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON interaction_type_settings TO velora_api;

-- The job keeps what its file is read with: before planning, the upload's own mapping; from planning on, the saved
-- mapping with the upload's over it, and the declared properties as they were then.
ALTER TABLE import_jobs ADD COLUMN mapping jsonb;
ALTER TABLE import_jobs ADD COLUMN declared_properties jsonb;
