-- Velora.Ingestion schema, version 18: a dry run's commit that the broker refused can be committed again.
-- A commit creates an import pointing back at its dry run (validation_id, one import per dry run). When its request
-- cannot be published, the gateway refuses that import (it ends failed and never runs) and, in the same transaction,
-- clears its validation_id and the dry run's commit_id (DryRuns.WithdrawAsync), so the next commit may create another.
GRANT UPDATE (validation_id) ON import_jobs TO velora_api;
