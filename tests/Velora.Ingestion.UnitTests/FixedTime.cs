namespace Velora.Ingestion;

/// <summary>A clock that always reads the same instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Now = new(2025, 8, 22, 15, 12, 0, TimeSpan.Zero);

    public static FixedTime Default { get; } = new(Now);

    public override DateTimeOffset GetUtcNow() => now;
}
