namespace Velora.Ingestion.Gateway.Imports;

/// <summary>What asking to commit a dry run came to; <see cref="ImportId"/> is the import that commits it, when there is one.</summary>
public sealed record DryRunCommit(DryRunCommit.Outcome Result, Guid? ImportId = null, string? Status = null)
{
    public enum Outcome
    {
        /// <summary>A new import of the stored file was recorded (queued); it still has to be published.</summary>
        Started,

        /// <summary>The dry run was committed before: <see cref="ImportId"/> is that import.</summary>
        AlreadyCommitted,

        /// <summary>No import of this store with that id.</summary>
        NotFound,

        /// <summary>An import that is no dry run.</summary>
        NotADryRun,

        /// <summary>A dry run that has not ended as validated (still running, or its file failed): <see cref="Status"/> says which.</summary>
        NotValidated,

        /// <summary>The store has as many imports queued or running as it may.</summary>
        TenantAtLimit,
    }
}
