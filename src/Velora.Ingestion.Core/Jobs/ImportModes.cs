namespace Velora.Ingestion.Jobs;

/// <summary>What an import does with its rows: store them, or only say what storing them would give (a dry run).</summary>
public static class ImportModes
{
    public const string Import = "import";

    /// <summary><c>mode=validate</c>: every rule and the duplicate check run, nothing is stored; the job ends <see cref="ImportStatus.Validated"/>.</summary>
    public const string Validate = "validate";
}
