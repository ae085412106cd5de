using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OpenTelemetry.Metrics;

namespace Velora.Ingestion.Telemetry;

/// <summary>
/// OpenTelemetry: metrics of the service, the runtime and ASP.NET Core, scraped in Prometheus format at <c>/metrics</c>;
/// traces from the HTTP upload through the MassTransit messages (which carry the trace context) and the database calls,
/// exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>MassTransit's ActivitySource.</summary>
    public const string MessagingSource = "MassTransit";

    public static IServiceCollection AddIngestionTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(serviceName));
        telemetry.WithMetrics(metrics => metrics
            .AddMeter(IngestionMetrics.MeterName, "Polly", "Microsoft.AspNetCore.Hosting", "System.Runtime")
            .AddPrometheusExporter());
        telemetry.WithTracing(tracing =>
        {
            tracing.AddSource(MessagingSource).AddAspNetCoreInstrumentation().AddNpgsql();
            if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            {
                tracing.AddOtlpExporter();
            }
        });
        return services;
    }

    public static IEndpointRouteBuilder MapIngestionMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint();
        return endpoints;
    }
}
