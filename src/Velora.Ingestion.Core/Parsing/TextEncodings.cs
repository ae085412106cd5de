using System.Text;

namespace Velora.Ingestion.Parsing;

/// <summary>
/// Which text encodings a file may be in, by what name, and how to tell them apart: a byte order mark always decides;
/// without one, the file is UTF-8 unless the upload named another encoding (<c>encoding=</c>). Accepted: UTF-8,
/// UTF-16 and UTF-32 (either byte order), and the code pages .NET knows (<see cref="CodePagesEncodingProvider"/>) that
/// write ASCII as ASCII and never use a line break byte inside another character, so that every line break found in
/// the original bytes is one (chunk offsets are exact in those bytes). EBCDIC and stateful encodings are refused.
/// </summary>
public static class TextEncodings
{
    public const string Utf8 = "utf-8";

    // Multi-byte code pages whose trail bytes are never CR or LF: Shift-JIS, GBK, Korean, Big5, GB18030, EUC-JP, EUC-KR.
    static readonly HashSet<int> MultiByteCodePages = [932, 936, 949, 950, 54936, 51932, 51949];

    static readonly HashSet<string> UnicodeNames = ["utf-8", "utf-16le", "utf-16be", "utf-32le", "utf-32be"];

    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding a byte order mark announces, with the mark's length; null without one.</summary>
    public static (string Name, int Length)? FromByteOrderMark(ReadOnlySpan<byte> start) => start switch
    {
        [0xEF, 0xBB, 0xBF, ..] => ("utf-8", 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => ("utf-32le", 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => ("utf-32be", 4),
        [0xFF, 0xFE, ..] => ("utf-16le", 2),
        [0xFE, 0xFF, ..] => ("utf-16be", 2),
        _ => null,
    };

    /// <summary>
    /// The canonical name of an encoding given as <c>encoding=</c> (a name such as <c>windows-1252</c>, <c>latin1</c>,
    /// <c>utf-16</c>, or a code page number), or the reason it cannot be used.
    /// </summary>
    public static bool TryResolve(string requested, out string name, out string? error)
    {
        name = requested.Trim().ToLowerInvariant();
        error = null;
        name = name switch
        {
            "utf8" => "utf-8",
            "utf-16" or "utf16" or "unicode" or "utf16le" => "utf-16le",
            "utf16be" => "utf-16be",
            "utf-32" or "utf32" or "utf32le" => "utf-32le",
            "utf32be" => "utf-32be",
            _ => name,
        };
        if (UnicodeNames.Contains(name))
        {
            return true;
        }

        Encoding encoding;
        try
        {
            encoding = int.TryParse(name, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            error = $"encoding '{requested}' is not known; use utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1 or another code page's name or number";
            return false;
        }

        if (!IsLineSafe(encoding))
        {
            error = $"encoding '{requested}' is not supported: it does not write line breaks, quotes and delimiters as ASCII does (EBCDIC, UTF-7 and ISO-2022 are not)";
            return false;
        }

        name = encoding.WebName.ToLowerInvariant();
        return true;
    }

    /// <summary>The encoding of a canonical name (from <see cref="TryResolve"/> or a byte order mark); invalid bytes throw.</summary>
    public static Encoding Get(string name) =>
        UnicodeNames.Contains(name)
            ? StrictUnicode(name)
            : Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>What to say when a file that named no encoding is not UTF-8: which <c>encoding=</c> to try.</summary>
    public static string NotUtf8Hint(ReadOnlySpan<byte> start) =>
        Utf16WithoutMarkHint(start)
        ?? "if it was saved by Excel or another Windows program, upload it again with encoding=windows-1252 "
           + "(or the encoding it was saved in, e.g. encoding=iso-8859-1), or save it as UTF-8";

    /// <summary>
    /// A hint when the start of a file without a byte order mark looks like UTF-16 (every other byte of ASCII text is
    /// zero), which would otherwise read as UTF-8 full of NULs; null when it does not.
    /// </summary>
    public static string? Utf16WithoutMarkHint(ReadOnlySpan<byte> start)
    {
        var even = 0;
        var odd = 0;
        for (var i = 0; i < start.Length; i++)
        {
            if (start[i] == 0)
            {
                _ = i % 2 == 0 ? even++ : odd++;
            }
        }

        if (even + odd <= start.Length / 4)
        {
            return null;
        }

        var name = odd > even ? "utf-16le" : "utf-16be";
        return $"it looks like UTF-16 without a byte order mark: upload it again with encoding={name}";
    }

    /// <summary>Whether a file in this encoding is read without transcoding.</summary>
    public static bool IsUtf8(string name) => name == Utf8;

    static Encoding StrictUnicode(string name) => name switch
    {
        "utf-8" => new UTF8Encoding(false, throwOnInvalidBytes: true),
        "utf-16le" => new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true),
        "utf-16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true),
        "utf-32le" => new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true),
        "utf-32be" => new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true),
        _ => throw new ArgumentException($"'{name}' is not a Unicode encoding", nameof(name)),
    };

    static bool IsLineSafe(Encoding encoding)
    {
        const string structural = "\r\n\",;\t|azAZ09 ";
        byte[] bytes;
        try
        {
            bytes = encoding.GetBytes(structural);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }

        return bytes.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(structural))
            && (encoding.IsSingleByte || MultiByteCodePages.Contains(encoding.CodePage));
    }
}
