using Velora.Ingestion.Gateway.Imports;

namespace Velora.Ingestion.Gateway.Interactions;

/// <summary>
/// <c>POST /v1/interaction-types/{type}/header</c>: a file's header names and an upload's mapping in; out, what each
/// column would be read as, or the error the file would fail with. The console's mapping form asks it, so that the
/// preview is the planner's own reading, not a second copy of its rules.
/// </summary>
public sealed record HeaderPreview(IReadOnlyList<ImportColumn> Columns, string? Error);

/// <summary>The body of the header preview: the header's names, and the upload's mapping (none: the saved one alone).</summary>
public sealed record HeaderPreviewRequest(IReadOnlyList<string>? Header, IReadOnlyDictionary<string, string>? Mapping);
