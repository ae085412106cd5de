-- Velora.Ingestion schema, version 2: row-level security for the gateway (defence in depth, see docs/security.md).
-- The gateway serves tenants and connects as velora_api: not the tables' owner, no BYPASSRLS, and only the rights it
-- needs. Every tenant table then shows it only the rows of the tenant its transaction named (velora.tenant_id), so a
-- query that forgot its tenant filter, or a pooled connection reused by another tenant, returns nothing of anyone else.
-- The worker keeps the owner's rights: binary COPY is refused on a table under row-level security.

-- Ops may create the role beforehand (with a password); otherwise the migrating role needs CREATEROLE.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'velora_api') THEN
        CREATE ROLE velora_api LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- created meanwhile by a migration of another database on the same server
END $$;

-- NULL (no row matches) when the transaction named no tenant; '' is what a reset custom setting reads as.
CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('velora.tenant_id', true), '')::uuid $$;

GRANT USAGE ON SCHEMA public TO velora_api;
GRANT EXECUTE ON FUNCTION current_tenant_id() TO velora_api;
-- An API key names its tenant, so the key lookup reads across tenants (by the key's hash only).
GRANT SELECT ON tenants, api_keys TO velora_api;
GRANT SELECT, INSERT ON import_jobs TO velora_api;
GRANT UPDATE (status, error, completed_at, completion_published_at) ON import_jobs TO velora_api;
GRANT SELECT ON import_failures, interactions TO velora_api;

ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_failures ENABLE ROW LEVEL SECURITY;
ALTER TABLE interactions ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON import_jobs
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON import_failures
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON interactions
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- The gateway counts a tenant's queued and running imports before it accepts another.
CREATE INDEX import_jobs_tenant_active ON import_jobs (tenant_id) WHERE status IN ('queued', 'running');
