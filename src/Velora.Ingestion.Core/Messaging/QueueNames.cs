namespace Velora.Ingestion.Messaging;

/// <summary>Queue names that more than one component relies on.</summary>
public static class QueueNames
{
    /// <summary>Consumed by the workers; the gateway declares and binds it too, so a request published before any worker ever started is kept.</summary>
    public const string ImportRequested = "import-requested";

    public const string ImportChunk = "import-chunk";

    /// <summary>Reverts, declared and bound by the gateway like <see cref="ImportRequested"/>.</summary>
    public const string ImportRevert = "import-revert";
}
