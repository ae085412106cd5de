using Velora.Ingestion.Interactions;

namespace Velora.Ingestion.Parsing;

/// <summary>A header column kept as a property: where it is, the name it is stored under, and its declared kind (text if undeclared).</summary>
public sealed record PropertyColumn(int Index, string Name, PropertyKind Kind, bool Required);
