namespace Velora.Ingestion.Resilience;

/// <summary>Bound from the <c>Resilience</c> section: how long transient faults are retried in-process.</summary>
public sealed class ResilienceOptions
{
    public const string SectionName = "Resilience";

    /// <summary><c>Resilience:MaxRetryAttempts</c>.</summary>
    public int MaxRetryAttempts { get; set; } = 8;

    /// <summary><c>Resilience:BaseDelay</c>: first delay of the exponential back-off (with jitter); 8 attempts reach about a minute in total.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
