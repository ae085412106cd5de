namespace Velora.Ingestion.Jobs;

/// <summary>The states of an import job as clients see them.</summary>
public static class ImportStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>The import's rows are being removed (<c>POST /v1/imports/{id}/revert</c>); it had ended before.</summary>
    public const string Reverting = "reverting";

    /// <summary>Every row the import stored was removed.</summary>
    public const string Reverted = "reverted";

    public static bool IsFinal(string status) => status is Succeeded or Failed;
}
