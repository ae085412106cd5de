using System.ComponentModel.DataAnnotations;

namespace Velora.Ingestion.Worker;

/// <summary>Bound from the <c>Worker</c> section.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary><c>Worker:ChunkRows</c>: records per chunk; one chunk is one message and one transaction.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Worker:ChunkRows must be between {1} and {2}.")]
    public int ChunkRows { get; set; } = 20_000;

    /// <summary><c>Worker:ChunkConcurrency</c>: chunks one worker process imports at once.</summary>
    [Range(1, 256, ErrorMessage = "Worker:ChunkConcurrency must be between {1} and {2}.")]
    public int ChunkConcurrency { get; set; } = 2;

    /// <summary>
    /// <c>Worker:ChunksInFlightPerImport</c>: chunks of one import queued or running at once; each finished chunk sends the
    /// next. Another store's import waits behind at most this many chunks. Keep it above the total chunk concurrency of
    /// all workers (replicas × ChunkConcurrency), or one import alone cannot keep every worker busy.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "Worker:ChunksInFlightPerImport must be between {1} and {2}.")]
    public int ChunksInFlightPerImport { get; set; } = 16;

    /// <summary>
    /// <c>Worker:StalledImportAfter</c>: an import queued or running without progress for this long gets its ImportRequested
    /// published again, which re-sends its chunks in flight (a duplicate finds its chunk done) and refills its window.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Worker:StalledImportAfter must be between {1} and {2}.")]
    public TimeSpan StalledImportAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// <c>Worker:AbandonedUploadAfter</c>: an upload whose file has not arrived after this long ended with its gateway; the
    /// job is refused so that it stops counting against the store's limit. Longer than the slowest real upload.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Worker:AbandonedUploadAfter must be between {1} and {2}.")]
    public TimeSpan AbandonedUploadAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>Worker:CompletionSweepInterval</c>: how often ended imports whose ImportCompleted was not confirmed are published again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Worker:CompletionSweepInterval must be between {1} and {2}.")]
    public TimeSpan CompletionSweepInterval { get; set; } = TimeSpan.FromSeconds(15);
}
