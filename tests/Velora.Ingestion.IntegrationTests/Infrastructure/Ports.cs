using System.Net;
using System.Net.Sockets;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

public static class Ports
{
    /// <summary>A loopback port that nothing listens on (it was free a moment ago): a service that is down.</summary>
    public static int Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
