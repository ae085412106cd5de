using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Velora.Ingestion.Contracts;
using Velora.Ingestion.Gateway.WebConsole;
using Velora.Ingestion.Gateway.Erasures;
using Velora.Ingestion.Gateway.Imports;
using Velora.Ingestion.Gateway.Interactions;
using Velora.Ingestion.Health;
using Velora.Ingestion.Gateway.Tenants;
using Velora.Ingestion.Messaging;
using Velora.Ingestion.Telemetry;

namespace Velora.Ingestion.Gateway;

/// <summary>The gateway's wiring, kept out of Program.cs.</summary>
public static class GatewayServices
{
    public static WebApplicationBuilder AddIngestionGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddIngestionCore(builder.Configuration);
        builder.Services.AddIngestionBus(builder.Configuration, configureRabbit: rabbit =>
        {
            rabbit.Publish<ImportRequested>(publish =>
                publish.BindQueue(MessageEntityNames.For(typeof(ImportRequested)), QueueNames.ImportRequested));
            rabbit.Publish<ImportRevertRequested>(publish =>
                publish.BindQueue(MessageEntityNames.For(typeof(ImportRevertRequested)), QueueNames.ImportRevert));
        });
        builder.Services.AddCheckedOptions<GatewayOptions>(builder.Configuration, GatewayOptions.SectionName);
        builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>, UploadLimitSetup>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddScoped<ApiKeyFilter>();
        builder.Services.AddSingleton<ImportStatusReader>();
        builder.Services.AddSingleton<UploadIdempotency>();
        builder.Services.AddSingleton<DryRuns>();
        builder.Services.AddSingleton<Reverts.RevertRequests>();
        builder.Services.AddSingleton<Reports.ImportReports>();
        builder.Services.AddIngestionHealthChecks();
        builder.Services.AddOpenApi();
        builder.Services.AddIngestionTelemetry(builder.Configuration, "velora-ingestion-gateway");
        return builder;
    }

    public static WebApplication MapIngestionGateway(this WebApplication app)
    {
        app.UseStatusCodePages();
        app.UseIngestionConsole();
        app.MapIngestionHealth();
        app.MapOpenApi();
        app.MapIngestionMetrics();
        app.MapImportEndpoints();
        app.MapInteractionTypeEndpoints();
        app.MapStoreEndpoints();
        app.MapErasureEndpoints();
        return app;
    }

    sealed class UploadLimitSetup(IOptions<GatewayOptions> options) : IConfigureOptions<KestrelServerOptions>
    {
        public void Configure(KestrelServerOptions kestrel) => kestrel.Limits.MaxRequestBodySize = options.Value.MaxUploadBytes;
    }
}
