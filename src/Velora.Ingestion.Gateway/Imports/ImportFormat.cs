namespace Velora.Ingestion.Gateway.Imports;

/// <summary>How the file was read (the status's <c>format</c>, once it is planned): delimiter, encoding and decimal separator.</summary>
public sealed record ImportFormat(string Delimiter, string Encoding, string DecimalSeparator);
