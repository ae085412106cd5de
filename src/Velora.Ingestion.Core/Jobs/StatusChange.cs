namespace Velora.Ingestion.Jobs;

/// <summary>
/// A status change one statement makes, checked against <see cref="ImportLifecycle"/> when it was built. Its properties are
/// the statement's parameters: <c>SET status = @To … WHERE status = ANY(@From)</c>.
/// </summary>
public sealed record StatusChange(IReadOnlyList<string> From, string To);
