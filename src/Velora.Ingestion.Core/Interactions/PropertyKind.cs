namespace Velora.Ingestion.Interactions;

/// <summary>The kinds a store may declare a property as; each is checked like a built-in column and stored typed in the JSON.</summary>
public enum PropertyKind
{
    /// <summary>Any text (what undeclared columns are): a JSON string.</summary>
    Text,

    /// <summary>A decimal number (a decimal comma where the delimiter is not a comma): a JSON number.</summary>
    Number,

    /// <summary><c>true</c>/<c>false</c>, <c>yes</c>/<c>no</c>, <c>1</c>/<c>0</c> (any case): a JSON boolean.</summary>
    Boolean,

    /// <summary>As the <c>timestamp</c> column reads them: a JSON string, ISO-8601 UTC.</summary>
    Timestamp,
}
