using System.Text.Json.Serialization;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// One skipped row of <c>GET /v1/imports/{id}/failures?outcome=skipped</c>: its reason as <c>code</c>
/// (<c>duplicate_in_file</c>, <c>already_stored</c>, <c>erased_user</c>), in words as <c>error</c>, and the import that
/// stored the interaction it repeats (this import for a repeat within the file, none for an erased user).
/// <c>column</c> is always null: a skip is about the whole row.
/// </summary>
public sealed record SkippedItem(long RowNumber, string UserId, string ItemId, string Code, string Error, Guid? OriginalImportId)
{
    [JsonPropertyName("column")]
    public string? Column => null;

    public static SkippedItem From(SkippedRow row) =>
        new(row.RowNumber, row.UserId, row.ItemId, row.Reason, Describe(row), row.OriginalImportId);

    static string Describe(SkippedRow row) => row.Reason switch
    {
        SkippedRow.DuplicateInFile => "Repeats an earlier row of this file (the first is kept)",
        SkippedRow.AlreadyStored => $"Already stored by import {row.OriginalImportId}",
        SkippedRow.ErasedUser => "Of a user this store erased",
        _ => row.Reason,
    };
}
