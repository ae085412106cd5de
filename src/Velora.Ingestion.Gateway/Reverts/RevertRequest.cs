namespace Velora.Ingestion.Gateway.Reverts;

/// <summary>What asking to revert an import came to.</summary>
public enum RevertRequest
{
    /// <summary>The import ended and is now reverting: the request is to be published.</summary>
    Started,

    /// <summary>It was reverting already (the request may be published again: a revert is safe to deliver twice).</summary>
    AlreadyReverting,

    /// <summary>It was reverted already: nothing changes.</summary>
    AlreadyReverted,

    /// <summary>It is queued or running: only an ended import can be reverted.</summary>
    NotEnded,

    /// <summary>It ended having stored nothing (a dry run that validated, or an import refused before it ran): nothing to revert.</summary>
    NotRevertible,

    /// <summary>No such import for this tenant.</summary>
    NotFound,
}
