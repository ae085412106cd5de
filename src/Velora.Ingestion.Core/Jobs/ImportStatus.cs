namespace Velora.Ingestion.Jobs;

/// <summary>The states of an import job as clients see them.</summary>
public static class ImportStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static bool IsFinal(string status) => status is Succeeded or Failed;
}
