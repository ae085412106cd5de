using Dapper;
using Npgsql;
using NpgsqlTypes;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.IntegrationTests.Writing;

/// <summary>
/// The chunk's COPY encodes its own fields: every value must reach PostgreSQL exactly as Npgsql's own importer sends
/// it. Each test writes the same values both ways into two tables and compares them in SQL, as text too (so a
/// numeric's display scale counts).
/// </summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class BinaryCopyWriterTests(RunningIngestion ingestion)
{
    const string Columns = "(id bigint, key uuid, name text, props jsonb, at timestamptz, quantity integer, amount numeric)";

    [Fact]
    public async Task Writes_every_field_type_as_npgsql_does_nulls_and_multibyte_text_included()
    {
        var random = new Random(20261206);
        var rows = new List<Row>
        {
            new(1, Guid.NewGuid(), "", "{}", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), 0, 0m),
            new(2, Guid.NewGuid(), "Zoë – 東京 🍕", """{"size": "12\" pizza", "tags": ["a", "ü"]}""", new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999), int.MinValue, -0.0001m),
            new(3, Guid.Empty, null, null, null, null, null),
            new(4, Guid.NewGuid(), "x", null, new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-3), int.MaxValue, decimal.MaxValue),
            new(5, Guid.NewGuid(), "y", null, new DateTimeOffset(2026, 12, 6, 21, 5, 7, TimeSpan.Zero).AddTicks(1_234_567), 1, decimal.MinValue),
            new(6, Guid.NewGuid(), "z", null, new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.Zero).AddTicks(5), -1, 0.0000000000000000000000000001m),
            new(7, Guid.NewGuid(), "w", null, new DateTimeOffset(9999, 12, 30, 0, 0, 0, TimeSpan.Zero), 5, 999_999_999_999_999.9999m),
            new(8, Guid.NewGuid(), "v", null, null, 2, 10_000m),
            new(9, Guid.NewGuid(), "u", null, null, 3, 12.5000m),
            new(10, Guid.NewGuid(), "t", null, null, 4, -79_228_162_514_264_337_593_543.9503m),
        };
        for (var id = 11; id < 3011; id++)
        {
            // Decimals over their whole range of scales and sizes; timestamps over four centuries around 2000, to the tick.
            var amount = new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 0, (byte)random.Next(29));
            var at = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(400L * 365 * TimeSpan.TicksPerDay));
            rows.Add(new(id, Guid.NewGuid(), $"user-{random.Next()}", $$"""{"n": {{random.Next()}}}""", at, random.Next(), amount));
        }

        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await WriteBothWaysAsync(connection, rows);

        Assert.Equal(rows.Count, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ours"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT * FROM ours EXCEPT ALL SELECT * FROM npgsqls UNION ALL SELECT * FROM npgsqls EXCEPT ALL SELECT * FROM ours) d"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM ours o JOIN npgsqls n USING (id) WHERE o.amount::text IS DISTINCT FROM n.amount::text OR o.at::text IS DISTINCT FROM n.at::text"));
        var stored = await connection.QuerySingleAsync<(decimal Amount, string Name)>("SELECT amount, name FROM ours WHERE id = 2");
        Assert.Equal((-0.0001m, "Zoë – 東京 🍕"), stored);
    }

    [Fact]
    public async Task Stores_the_first_instant_of_year_one_as_itself_where_npgsql_would_store_minus_infinity()
    {
        // A file may say 0001-01-01T00:00:00Z; Npgsql maps DateTime.MinValue to -infinity, which no file meant.
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("CREATE TEMP TABLE moments (at timestamptz)");
        await using (var writer = await BinaryCopyWriter.BeginAsync(connection, "COPY moments (at) FROM STDIN (FORMAT BINARY)", CancellationToken.None))
        {
            await writer.StartRowAsync(1, 0, 0, CancellationToken.None);
            writer.WriteTimestampTz(DateTimeOffset.MinValue);
            await writer.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal("0001-01-01 00:00:00+00", await connection.ExecuteScalarAsync<string>("SET TIME ZONE 'UTC'; SELECT at::text FROM moments"));
    }

    [Fact]
    public async Task Writes_text_arrays_as_npgsql_does_empty_ones_and_empty_elements_included()
    {
        string[][] arrays = [[], [""], ["user-1", "Zoë – 東京 🍕", ""], [.. Enumerable.Range(0, 300).Select(i => $"field {i}")]];
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("CREATE TEMP TABLE ours_arrays (id int, fields text[]); CREATE TEMP TABLE npgsqls_arrays (id int, fields text[])");
        await using (var writer = await BinaryCopyWriter.BeginAsync(connection, "COPY ours_arrays (id, fields) FROM STDIN (FORMAT BINARY)", CancellationToken.None))
        {
            for (var i = 0; i < arrays.Length; i++)
            {
                await writer.StartRowAsync(2, arrays[i].Sum(f => f.Length), arrays[i].Length, CancellationToken.None);
                writer.WriteInteger(i);
                writer.WriteTextArray(arrays[i]);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        await using (var importer = await connection.BeginBinaryImportAsync("COPY npgsqls_arrays (id, fields) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < arrays.Length; i++)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(i, NpgsqlDbType.Integer);
                await importer.WriteAsync(arrays[i], NpgsqlDbType.Array | NpgsqlDbType.Text);
            }

            await importer.CompleteAsync();
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM ours_arrays o FULL JOIN npgsqls_arrays n USING (id) WHERE o.fields IS DISTINCT FROM n.fields OR array_dims(o.fields) IS DISTINCT FROM array_dims(n.fields)"));
        Assert.Equal(["user-1", "Zoë – 東京 🍕", ""], await connection.QuerySingleAsync<string[]>("SELECT fields FROM ours_arrays WHERE id = 2"));
    }

    [Fact]
    public async Task A_row_larger_than_the_buffer_and_the_rows_after_it_are_written_whole()
    {
        var large = new string('é', 300_000);
        var rows = Enumerable.Range(1, 5000)
            .Select(i => new Row(i, Guid.NewGuid(), i == 2500 ? large : $"name-{i}", i == 2501 ? $$"""{"text": "{{large}}"}""" : null, null, i, i / 100m))
            .ToList();

        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await WriteBothWaysAsync(connection, rows);

        Assert.Equal(5000, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ours"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM (SELECT * FROM ours EXCEPT ALL SELECT * FROM npgsqls) d"));
        Assert.Equal(300_000, await connection.ExecuteScalarAsync<int>("SELECT length(name) FROM ours WHERE id = 2500"));
    }

    [Fact]
    public async Task A_copy_left_without_completing_stores_nothing_and_leaves_the_connection_usable()
    {
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await connection.ExecuteAsync($"CREATE TEMP TABLE ours {Columns}");
        await using (var writer = await BinaryCopyWriter.BeginAsync(connection, "COPY ours (id) FROM STDIN (FORMAT BINARY)", CancellationToken.None))
        {
            await writer.StartRowAsync(1, 0, 0, CancellationToken.None);
            writer.WriteBigint(1);
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ours"));
    }

    [Fact]
    public async Task A_connection_lost_mid_copy_reaches_the_caller_as_the_transient_npgsql_fault()
    {
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await using var admin = await ingestion.AdminDataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("CREATE TEMP TABLE lost (id bigint)");
        var backend = connection.ProcessID;

        var thrown = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var writer = await BinaryCopyWriter.BeginAsync(connection, "COPY lost (id) FROM STDIN (FORMAT BINARY)", CancellationToken.None);
            await admin.ExecuteAsync("SELECT pg_terminate_backend(@backend)", new { backend });
            for (var id = 0L; id < 2_000_000; id++)
            {
                await writer.StartRowAsync(1, 0, 0, CancellationToken.None);
                writer.WriteBigint(id);
            }

            await writer.CompleteAsync(CancellationToken.None);
        });

        // Not the writer's own clean-up failing over it (ObjectDisposedException), which the worker would not retry.
        Assert.IsAssignableFrom<NpgsqlException>(thrown);
        Assert.True(Ingestion.Resilience.TransientFaults.IsTransient(thrown), thrown.ToString());
    }

    [Fact]
    public async Task A_unique_violation_is_thrown_by_complete_and_a_savepoint_rollback_recovers_the_transaction()
    {
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("CREATE TEMP TABLE keyed (id bigint PRIMARY KEY); INSERT INTO keyed VALUES (2); SAVEPOINT copy", transaction: transaction);
        await using (var writer = await BinaryCopyWriter.BeginAsync(connection, "COPY keyed (id) FROM STDIN (FORMAT BINARY)", CancellationToken.None))
        {
            foreach (var id in new long[] { 1, 2, 3 })
            {
                await writer.StartRowAsync(1, 0, 0, CancellationToken.None);
                writer.WriteBigint(id);
            }

            var refused = await Assert.ThrowsAsync<PostgresException>(() => writer.CompleteAsync(CancellationToken.None));
            Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
        }

        await connection.ExecuteAsync("ROLLBACK TO SAVEPOINT copy", transaction: transaction);
        Assert.Equal([2L], await connection.QueryAsync<long>("SELECT id FROM keyed", transaction: transaction));
    }

    static async Task WriteBothWaysAsync(NpgsqlConnection connection, List<Row> rows)
    {
        await connection.ExecuteAsync($"CREATE TEMP TABLE ours {Columns}; CREATE TEMP TABLE npgsqls {Columns}");
        const string Copy = "COPY {0} (id, key, name, props, at, quantity, amount) FROM STDIN (FORMAT BINARY)";
        await using (var writer = await BinaryCopyWriter.BeginAsync(connection, string.Format(null, Copy, "ours"), CancellationToken.None))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync(7, (row.Name?.Length ?? 0) + (row.Props?.Length ?? 0), 0, CancellationToken.None);
                writer.WriteBigint(row.Id);
                writer.WriteUuid(row.Key);
                writer.WriteText(row.Name);
                writer.WriteJsonb(row.Props);
                writer.WriteTimestampTz(row.At);
                writer.WriteInteger(row.Quantity);
                writer.WriteNumeric(row.Amount);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        await using var importer = await connection.BeginBinaryImportAsync(string.Format(null, Copy, "npgsqls"));
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(row.Id, NpgsqlDbType.Bigint);
            await importer.WriteAsync(row.Key, NpgsqlDbType.Uuid);
            await WriteAsync(importer, row.Name, NpgsqlDbType.Text);
            await WriteAsync(importer, row.Props, NpgsqlDbType.Jsonb);
            await WriteAsync(importer, row.At, NpgsqlDbType.TimestampTz);
            await WriteAsync(importer, row.Quantity, NpgsqlDbType.Integer);
            await WriteAsync(importer, row.Amount, NpgsqlDbType.Numeric);
        }

        await importer.CompleteAsync();
    }

    static Task WriteAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type) =>
        value is null ? importer.WriteNullAsync() : importer.WriteAsync(value, type);

    sealed record Row(long Id, Guid Key, string? Name, string? Props, DateTimeOffset? At, int? Quantity, decimal? Amount);
}
