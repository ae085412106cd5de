using Microsoft.Extensions.Hosting;
using Velora.Ingestion.Worker;

var builder = Host.CreateApplicationBuilder(args);
builder.AddIngestionWorker();
await builder.Build().RunAsync();
