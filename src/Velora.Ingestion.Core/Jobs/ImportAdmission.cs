namespace Velora.Ingestion.Jobs;

/// <summary>What recording a new import came to.</summary>
public enum ImportAdmission
{
    /// <summary>Recorded as queued.</summary>
    Recorded,

    /// <summary>A job with this id exists already (a repeated request): nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>The tenant has as many queued or running imports as it may: nothing recorded.</summary>
    TenantAtLimit,
}
