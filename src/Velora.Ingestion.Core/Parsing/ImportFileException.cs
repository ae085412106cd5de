namespace Velora.Ingestion.Parsing;

/// <summary>The file as a whole cannot be imported; the message is shown to the store as the job's error.</summary>
public sealed class ImportFileException : Exception
{
    public ImportFileException(string message) : base(message) { }

    public ImportFileException(string message, Exception innerException) : base(message, innerException) { }

    public ImportFileException() { }
}
