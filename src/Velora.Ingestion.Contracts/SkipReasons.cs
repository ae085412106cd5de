using System.Text.Json.Serialization;

namespace Velora.Ingestion.Contracts;

/// <summary>
/// Why rows were skipped, summing to the summary's <c>skipped</c>: repeated within the file (the first is kept), already
/// stored by another import, or of a user the store erased.
/// </summary>
public sealed record SkipReasons(
    [property: JsonPropertyName("duplicate_in_file")] long DuplicateInFile,
    [property: JsonPropertyName("already_stored")] long AlreadyStored,
    [property: JsonPropertyName("erased_user")] long ErasedUser);
