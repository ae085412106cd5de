using System.Text;
using Velora.Ingestion.Batching;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Catalogue;

/// <summary>
/// Runs a file through the worker's own pipeline (plan → read each chunk → validate), everything but the database
/// write: the outcome is a file failure, or the rows as they would be stored and the row failures.
/// </summary>
internal sealed record FileOutcome(string? FileError, IReadOnlyList<Interaction> Stored, IReadOnlyList<RowFailure> Failures, FileFormat? Format = null)
{
    public static Task<FileOutcome> OfAsync(string text, int chunkRows = 2, ImportLimits? limits = null, InteractionSchema? schema = null, ImportOptions? options = null) =>
        OfAsync(Encoding.UTF8.GetBytes(text), chunkRows, limits, schema, options);

    public static async Task<FileOutcome> OfAsync(
        byte[] bytes, int chunkRows = 2, ImportLimits? limits = null, InteractionSchema? schema = null, ImportOptions? options = null)
    {
        limits ??= ImportLimits.Default;
        schema ??= Purchase.Instance;
        using var file = new MemoryStream(bytes);
        ImportPlan plan;
        try
        {
            plan = await ChunkPlanner.PlanAsync(file, schema, options ?? ImportOptions.Detect, chunkRows, limits, CancellationToken.None);
        }
        catch (ImportFileException e)
        {
            return new FileOutcome(e.Message, [], []);
        }

        var validator = new RowValidator(HeaderLayout.Resolve(schema, plan.Columns), ValueFormat.For(plan.Format.Delimiter, FixedTime.Default), limits);
        var stored = new List<Interaction>();
        var failures = new List<RowFailure>();
        foreach (var chunk in plan.Chunks)
        {
            var rows = await ChunkReader.ReadAsync(file, plan.Format, chunk.ByteOffset, chunk.FirstRow, chunk.RowCount, validator, CancellationToken.None);
            stored.AddRange(rows.Valid.Select(r => r.Row));
            failures.AddRange(rows.Failures);
        }

        return new FileOutcome(null, stored, failures, plan.Format);
    }

    public string OnlyError => Assert.Single(Failures).Error.Message;

    public Interaction OnlyRow => Assert.Single(Stored);
}
