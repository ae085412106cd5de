namespace Velora.Ingestion.Jobs;

/// <summary>One move of <see cref="ImportLifecycle"/>'s table: an import in <paramref name="From"/> may become <paramref name="To"/>, because of <paramref name="When"/>.</summary>
public sealed record StatusTransition(string From, string To, string When);
