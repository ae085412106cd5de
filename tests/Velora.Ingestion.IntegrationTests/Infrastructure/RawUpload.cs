using System.Net.Sockets;
using System.Text;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>
/// An upload over a plain socket, under the test's control: the request head and the first bytes of a body announced
/// as much longer, then nothing more until the test reads the answer or breaks the connection off (dispose).
/// </summary>
public sealed class RawUpload : IDisposable
{
    readonly TcpClient _tcp;
    readonly NetworkStream _stream;

    RawUpload(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawUpload> StartAsync(Uri gateway, string apiKey, string bodyHeaders, byte[] firstBytes)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway.Host, gateway.Port);
        var upload = new RawUpload(tcp);
        var head = $"POST /v1/imports?type=purchase HTTP/1.1\r\nHost: {gateway.Authority}\r\nX-Api-Key: {apiKey}\r\nContent-Type: text/csv\r\n{bodyHeaders}\r\n";
        await upload._stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await upload._stream.WriteAsync(firstBytes);
        return upload;
    }

    public NetworkStream Stream => _stream;

    /// <summary>The status line of the answer, once the server sends one.</summary>
    public async Task<string> ReadStatusLineAsync()
    {
        var line = new StringBuilder();
        var buffer = new byte[1];
        while (await _stream.ReadAsync(buffer) == 1 && buffer[0] != '\n')
        {
            line.Append((char)buffer[0]);
        }

        return line.ToString().TrimEnd('\r');
    }

    /// <summary>Breaks the connection off mid-body, as a client that goes away does.</summary>
    public void Dispose()
    {
        _tcp.Client.LingerState = new LingerOption(true, 0);
        _stream.Dispose();
        _tcp.Dispose();
    }
}
