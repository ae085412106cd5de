using Microsoft.Extensions.Options;
using Velora.Ingestion.Gateway.Imports;
using System.Text;
using Velora.Ingestion.Gateway.Tenants;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Resilience;

namespace Velora.Ingestion.Gateway.Interactions;

/// <summary>Reads and replaces a store's declared properties and saved mapping for one interaction type, and gives its sample file.</summary>
public static class InteractionTypeSettingsEndpoints
{

    public static async Task<IResult> GetPropertiesAsync(string type, HttpContext http, InteractionSettings settings, IngestionPipelines pipelines) =>
        !InteractionSchemas.TryGet(type, out var schema)
            ? UnknownType(type)
            : Results.Ok(PropertyList.Of((await ReadAsync(http, settings, pipelines, schema)).Properties));

    public static async Task<IResult> GetSampleAsync(string type, HttpContext http, InteractionSettings settings, IngestionPipelines pipelines)
    {
        if (!InteractionSchemas.TryGet(type, out var schema))
        {
            return UnknownType(type);
        }

        var csv = SampleFile.Of(schema, (await ReadAsync(http, settings, pipelines, schema)).Properties);
        return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", SampleFile.FileNameOf(schema));
    }

    public static async Task<IResult> PreviewHeaderAsync(string type, HeaderPreviewRequest body, HttpContext http, InteractionSettings settings, IngestionPipelines pipelines, IOptions<ImportLimits> limits)
    {
        if (!InteractionSchemas.TryGet(type, out var schema))
        {
            return UnknownType(type);
        }

        // As many names as a file's header may have: a preview is a header, not a file.
        var most = limits.Value.MaxColumns;
        if (body.Header is not { Count: > 0 } header || header.Count > most || header.Any(h => h is null))
        {
            return Invalid($"header is a list of 1 to {most} column names");
        }

        if (!ColumnMapping.TryCreate(body.Mapping ?? new Dictionary<string, string>(), out var upload, out var error))
        {
            return Invalid(error!);
        }

        var rules = (await ReadAsync(http, settings, pipelines, schema)).WithUpload(upload);
        return Results.Ok(ImportColumn.TryResolve(schema, header, rules, out var read, out var fileError)
            ? new HeaderPreview(read, null)
            : new HeaderPreview([], fileError));
    }

    public static async Task<IResult> PutPropertiesAsync(string type, PropertyList body, HttpContext http, InteractionSettings settings, IngestionPipelines pipelines)
    {
        if (!InteractionSchemas.TryGet(type, out var schema))
        {
            return UnknownType(type);
        }

        if (!body.TryRead(schema, out var properties, out var error))
        {
            return Invalid(error!);
        }

        var tenantId = http.Tenant().Id;
        await pipelines.Database.ExecuteAsync(async token => await settings.SavePropertiesAsync(tenantId, schema.Name, properties, token), http.RequestAborted);
        return Results.Ok(PropertyList.Of(properties));
    }

    public static async Task<IResult> GetMappingAsync(string type, HttpContext http, InteractionSettings settings, IngestionPipelines pipelines) =>
        !InteractionSchemas.TryGet(type, out var schema)
            ? UnknownType(type)
            : Results.Ok(new MappingBody((await ReadAsync(http, settings, pipelines, schema)).Mapping.Targets));

    public static async Task<IResult> PutMappingAsync(string type, MappingBody body, HttpContext http, InteractionSettings settings, IngestionPipelines pipelines)
    {
        if (!InteractionSchemas.TryGet(type, out var schema))
        {
            return UnknownType(type);
        }

        if (!ColumnMapping.TryCreate(body.Mapping ?? new Dictionary<string, string>(), out var mapping, out var error))
        {
            return Invalid(error!);
        }

        var tenantId = http.Tenant().Id;
        await pipelines.Database.ExecuteAsync(async token => await settings.SaveMappingAsync(tenantId, schema.Name, mapping, token), http.RequestAborted);
        return Results.Ok(new MappingBody(mapping.Targets));
    }

    static async Task<HeaderRules> ReadAsync(HttpContext http, InteractionSettings settings, IngestionPipelines pipelines, InteractionSchema schema)
    {
        var tenantId = http.Tenant().Id;
        return await pipelines.Database.ExecuteAsync(async token => await settings.GetAsync(tenantId, schema.Name, token), http.RequestAborted);
    }

    static IResult UnknownType(string type) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown interaction type", detail: InteractionSchemas.Unsupported(type));

    static IResult Invalid(string error) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid settings", detail: error);
}

/// <summary>The body of the mapping endpoints: header names to Velora's columns.</summary>
public sealed record MappingBody(IReadOnlyDictionary<string, string>? Mapping);
