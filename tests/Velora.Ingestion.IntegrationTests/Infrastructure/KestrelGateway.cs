using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Velora.Ingestion.Gateway;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>A gateway on real Kestrel (a loopback port), for tests that need a real socket: bodies cut off, limits.</summary>
public static class KestrelGateway
{
    public static WebApplicationFactory<GatewayOptions> Start(RunningIngestion ingestion, IReadOnlyDictionary<string, string?> overrides)
    {
        var gateway = ingestion.GatewayWith(overrides);
        gateway.UseKestrel(0);
        gateway.StartServer();
        return gateway;
    }

    public static Uri AddressOf(WebApplicationFactory<GatewayOptions> gateway) =>
        new(gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
