using System.Text;

namespace Velora.Ingestion.Parsing;

/// <summary>
/// Reads text in another encoding as UTF-8, as it streams (a block at a time, never the whole file), for the CSV reader.
/// When it is asked to, it also remembers where each line starts in both forms, so that a record the reader found at a
/// UTF-8 offset can be named by its offset in the original bytes (<see cref="SourceOffsetOf"/>): chunk boundaries are
/// kept in the original file, which chunk readers seek into. Input is read in whole code units (2 bytes in UTF-16,
/// 4 in UTF-32), so a line break is never split between two reads; invalid input throws a <see cref="DecoderFallbackException"/>.
/// </summary>
public sealed class Utf8TranscodingStream : Stream
{
    const int BlockSize = 64 * 1024;

    static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: true);

    readonly Stream _source;
    readonly bool _leaveOpen;
    readonly Decoder _decoder;
    readonly Encoder _encoder = Utf8.GetEncoder();
    readonly int _unit;
    readonly byte[] _lineFeed;
    readonly byte[] _carriageReturn;
    readonly Queue<(long Utf8, long Source)>? _lineStarts;
    readonly byte[] _input = new byte[BlockSize];
    readonly char[] _chars = new char[BlockSize + 4];
    byte[] _output = new byte[BlockSize * 3 + 16];
    int _inputStart, _inputEnd, _outputStart, _outputEnd;
    long _sourceOffset, _utf8Offset;
    bool _sourceEnded;

    /// <param name="source">Positioned at the start of a line (or of the text after its byte order mark).</param>
    /// <param name="trackLines">Whether to remember line starts for <see cref="SourceOffsetOf"/> (the planner does).</param>
    public Utf8TranscodingStream(Stream source, Encoding encoding, bool trackLines, bool leaveOpen = true)
    {
        _source = source;
        _leaveOpen = leaveOpen;
        _decoder = encoding.GetDecoder();
        _lineFeed = encoding.GetBytes("\n");
        _carriageReturn = encoding.GetBytes("\r");
        _unit = _lineFeed.Length;
        _sourceOffset = source.CanSeek ? source.Position : 0;
        _lineStarts = trackLines ? new Queue<(long, long)>() : null;
    }

    /// <summary>
    /// The offset in the original bytes of the line that starts at <paramref name="utf8Offset"/> of this stream's output.
    /// Offsets must be asked for in increasing order: the line starts before the one asked for are forgotten.
    /// </summary>
    public long SourceOffsetOf(long utf8Offset)
    {
        var lines = _lineStarts ?? throw new InvalidOperationException("This stream was not asked to track lines.");
        while (lines.Count > 0 && lines.Peek().Utf8 < utf8Offset)
        {
            lines.Dequeue();
        }

        return lines.TryPeek(out var line) && line.Utf8 == utf8Offset
            ? line.Source
            : throw new InvalidOperationException($"No line starts at UTF-8 offset {utf8Offset}.");
    }

    /// <summary>How far into the original bytes this stream has transcoded (up to the line it is on when tracking lines).</summary>
    public long SourceOffset => _sourceOffset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_outputStart == _outputEnd)
        {
            if (!_sourceEnded)
            {
                Received(_source.Read(FreeInput()));
            }

            if (!Transcode())
            {
                return 0;
            }
        }

        return TakeOutput(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_outputStart == _outputEnd)
        {
            if (!_sourceEnded)
            {
                Received(await _source.ReadAsync(FreeInputMemory(), cancellationToken));
            }

            if (!Transcode())
            {
                return 0;
            }
        }

        return TakeOutput(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _source.Dispose();
        }

        base.Dispose(disposing);
    }

    Span<byte> FreeInput() => FreeInputMemory().Span;

    Memory<byte> FreeInputMemory()
    {
        if (_inputStart > 0)
        {
            _input.AsSpan(_inputStart, _inputEnd - _inputStart).CopyTo(_input);
            _inputEnd -= _inputStart;
            _inputStart = 0;
        }

        return _input.AsMemory(_inputEnd);
    }

    void Received(int read)
    {
        _inputEnd += read;
        _sourceEnded = read == 0;
    }

    /// <summary>Transcodes the whole code units received; false once everything has been read and given out.</summary>
    bool Transcode()
    {
        var available = _inputEnd - _inputStart;
        var whole = _sourceEnded ? available : available - available % _unit;
        if (whole == 0 && !_sourceEnded)
        {
            return true;
        }

        var input = _input.AsSpan(_inputStart, whole);
        while (!input.IsEmpty)
        {
            var line = _lineStarts is null ? input.Length : LineLength(input);
            Convert(input[..line], flush: false);
            input = input[line..];
            if (_lineStarts is not null && line >= _unit && IsLineBreak(_input.AsSpan(_inputStart - _unit, _unit)))
            {
                _lineStarts.Enqueue((_utf8Offset, _sourceOffset));
            }
        }

        if (_sourceEnded)
        {
            // Bytes left over at the end are half a character: the decoder's fallback throws for them.
            Convert([], flush: true);
            return _outputStart != _outputEnd;
        }

        return true;
    }

    void Convert(ReadOnlySpan<byte> bytes, bool flush)
    {
        do
        {
            _decoder.Convert(bytes, _chars, flush, out var bytesUsed, out var charsUsed, out var completed);
            bytes = bytes[bytesUsed..];
            _inputStart += bytesUsed;
            _sourceOffset += bytesUsed;
            Encode(_chars.AsSpan(0, charsUsed), flush && completed && bytes.IsEmpty);
            if (completed && bytes.IsEmpty)
            {
                return;
            }
        }
        while (true);
    }

    void Encode(ReadOnlySpan<char> chars, bool flush)
    {
        if (_outputStart == _outputEnd)
        {
            _outputStart = _outputEnd = 0;
        }

        var needed = Utf8.GetMaxByteCount(chars.Length);
        if (_output.Length - _outputEnd < needed)
        {
            Array.Resize(ref _output, _outputEnd + needed);
        }

        _encoder.Convert(chars, _output.AsSpan(_outputEnd), flush, out _, out var written, out _);
        _outputEnd += written;
        _utf8Offset += written;
    }

    int TakeOutput(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _outputEnd - _outputStart);
        _output.AsSpan(_outputStart, count).CopyTo(buffer);
        _outputStart += count;
        return count;
    }

    /// <summary>The bytes up to and including the first line break (LF or CR, at a code unit boundary), or all of them.</summary>
    int LineLength(ReadOnlySpan<byte> input)
    {
        if (_unit == 1)
        {
            var at = input.IndexOfAny((byte)'\n', (byte)'\r');
            return at < 0 ? input.Length : at + 1;
        }

        for (var i = 0; i + _unit <= input.Length; i += _unit)
        {
            if (IsLineBreak(input.Slice(i, _unit)))
            {
                return i + _unit;
            }
        }

        return input.Length;
    }

    bool IsLineBreak(ReadOnlySpan<byte> unit) => unit.SequenceEqual(_lineFeed) || unit.SequenceEqual(_carriageReturn);
}
