namespace Velora.Ingestion.Writing;

/// <summary>
/// A valid row that was not stored, as <c>import_skips</c> keeps it: why (<see cref="Contracts.SkipReasons"/>'s names)
/// and the import that stored the interaction it repeats, where one did.
/// </summary>
public readonly record struct SkippedRow(long RowNumber, string UserId, string ItemId, string Reason, Guid? OriginalImportId)
{
    public const string DuplicateInFile = "duplicate_in_file";
    public const string AlreadyStored = "already_stored";
    public const string ErasedUser = "erased_user";
}
