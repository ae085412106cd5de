using System.ComponentModel.DataAnnotations;

namespace Velora.Ingestion.Resilience;

/// <summary>Bound from the <c>Resilience</c> section: how long transient faults are retried in-process.</summary>
public sealed class ResilienceOptions
{
    public const string SectionName = "Resilience";

    /// <summary><c>Resilience:MaxRetryAttempts</c>.</summary>
    [Range(1, 100, ErrorMessage = "Resilience:MaxRetryAttempts must be between {1} and {2}.")]
    public int MaxRetryAttempts { get; set; } = 8;

    /// <summary><c>Resilience:BaseDelay</c>: first delay of the exponential back-off (with jitter); 8 attempts reach about a minute in total.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:15", ErrorMessage = "Resilience:BaseDelay must be between {1} and {2} (no retry waits longer than 15 s).")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
