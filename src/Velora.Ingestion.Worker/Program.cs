using Velora.Ingestion.Health;
using Velora.Ingestion.Telemetry;
using Velora.Ingestion.Worker;

// A worker service that also answers /health/live and /health/ready (on Urls, 127.0.0.1:5081 locally).
var builder = WebApplication.CreateBuilder(args);
builder.AddIngestionWorker();
var app = builder.Build();
app.MapIngestionHealth();
app.MapIngestionMetrics();
await app.RunAsync();
