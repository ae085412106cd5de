namespace Velora.Ingestion.Parsing;

/// <summary>The delimiters a file may use, and how <c>delimiter=</c> names them.</summary>
public static class Delimiters
{
    /// <summary>Reads <c>delimiter=</c>: the character itself, or its name (<c>comma</c>, <c>semicolon</c>, <c>tab</c>, <c>pipe</c>).</summary>
    public static bool TryParse(string? text, out char delimiter)
    {
        delimiter = text switch
        {
            "," or "comma" => ',',
            ";" or "semicolon" => ';',
            "\t" or "tab" or "\\t" => '\t',
            "|" or "pipe" => '|',
            _ => '\0',
        };
        return delimiter != '\0';
    }

    public const string Expected = "delimiter is one of , ; | or tab (also comma, semicolon, pipe)";
}
