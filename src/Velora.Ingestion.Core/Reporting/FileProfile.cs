using System.Buffers.Binary;

namespace Velora.Ingestion.Reporting;

/// <summary>The chunk profiles of one import added up: every user with its rows in the file, every item, the time span.</summary>
public sealed class FileProfile
{
    readonly Dictionary<uint, long> _users = [];
    readonly HashSet<uint> _items = [];

    public int Chunks { get; private set; }

    public long Rows { get; private set; }

    public long WithoutTimestamp { get; private set; }

    public DateTime? First { get; private set; }

    public DateTime? Last { get; private set; }

    public IReadOnlyDictionary<uint, long> Users => _users;

    public IReadOnlyCollection<uint> Items => _items;

    public long UsersWithOneInteraction => _users.Values.LongCount(c => c == 1);

    public void Add(ChunkProfile chunk)
    {
        Chunks++;
        Rows += chunk.Rows;
        WithoutTimestamp += chunk.WithoutTimestamp;
        First = First is null || chunk.First < First ? chunk.First ?? First : First;
        Last = Last is null || chunk.Last > Last ? chunk.Last ?? Last : Last;
        for (var offset = 0; offset + ChunkProfile.UserBytes <= chunk.Users.Length; offset += ChunkProfile.UserBytes)
        {
            var hash = BinaryPrimitives.ReadUInt32LittleEndian(chunk.Users.AsSpan(offset));
            _users[hash] = _users.GetValueOrDefault(hash) + BinaryPrimitives.ReadUInt16LittleEndian(chunk.Users.AsSpan(offset + 4));
        }

        for (var offset = 0; offset + ChunkProfile.ItemBytes <= chunk.Items.Length; offset += ChunkProfile.ItemBytes)
        {
            _items.Add(BinaryPrimitives.ReadUInt32LittleEndian(chunk.Items.AsSpan(offset)));
        }
    }
}
