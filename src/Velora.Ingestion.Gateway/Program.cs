using Velora.Ingestion.Gateway;
using Velora.Ingestion.Gateway.Tenants;

var builder = WebApplication.CreateBuilder(args);
if (TenantCommand.Matches(args))
{
    return await TenantCommand.RunAsync(builder, args);
}

builder.AddIngestionGateway();
var app = builder.Build();
app.MapIngestionGateway();
await app.RunAsync();
return 0;
