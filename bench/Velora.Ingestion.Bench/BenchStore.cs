namespace Velora.Ingestion.Bench;

/// <summary>A store the benchmark imports as: its tenant id and an API key.</summary>
internal sealed record BenchStore(Guid Id, string ApiKey);
