namespace Velora.Ingestion.Jobs;

/// <summary>The states of an import job as clients see them; how one becomes another is <see cref="ImportLifecycle"/>'s.</summary>
public static class ImportStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>A dry run (<c>mode=validate</c>) went through every row and stored none; it can be committed.</summary>
    public const string Validated = "validated";

    /// <summary>
    /// Never accepted: the gateway could not hand the request to the broker, or the upload never completed. The client got
    /// no 202, nothing ran and nothing is announced; a request the broker took after all is recognised and ignored.
    /// </summary>
    public const string Refused = "refused";

    /// <summary>The import's rows are being removed (<c>POST /v1/imports/{id}/revert</c>); it had ended before.</summary>
    public const string Reverting = "reverting";

    /// <summary>Every row the import stored was removed.</summary>
    public const string Reverted = "reverted";

    /// <summary>The import itself has ended (its completion is announced); a revert may follow.</summary>
    public static bool IsFinal(string status) => status is Succeeded or Failed or Validated;

    /// <summary>Queued or running: the only states in which rows may still be planned or written.</summary>
    public static bool IsActive(string status) => status is Queued or Running;

    /// <summary>Nothing more will happen to it: ended, refused, or reverted (a revert in progress is not ended).</summary>
    public static bool IsEnded(string status) => status is Succeeded or Failed or Validated or Refused or Reverted;
}
