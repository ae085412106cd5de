using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>
/// Listens to the <c>velora.import-completed</c> exchange with a plain AMQP client, as a non-.NET service would,
/// and keeps every ImportCompleted by import id (with its message id, to see repeats).
/// </summary>
public sealed class CompletedImports : IAsyncDisposable
{
    public const string Exchange = "velora.import-completed";

    readonly IConnection _connection;
    readonly IChannel _channel;
    readonly ConcurrentDictionary<Guid, List<(string? MessageId, JsonElement Message)>> _received = new();
    readonly SemaphoreSlim _arrived = new(0);

    readonly string _queue;

    CompletedImports(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
    }

    public static async Task<CompletedImports> ListenAsync(Uri rabbitMq)
    {
        var connection = await new ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true);
        // Durable, like a real subscriber's queue: completions published while this connection recovers from a broker
        // restart wait in it instead of being lost.
        var queue = await channel.QueueDeclareAsync($"it-import-completed-{Guid.NewGuid():N}", durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue.QueueName, Exchange, string.Empty);
        var listener = new CompletedImports(connection, channel, queue.QueueName);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            using var document = JsonDocument.Parse(delivery.Body);
            var envelope = document.RootElement.Clone();
            var message = envelope.GetProperty("message");
            var importId = message.GetProperty("importId").GetGuid();
            var messageId = envelope.TryGetProperty("messageId", out var id) ? id.GetString() : delivery.BasicProperties.MessageId;
            var list = listener._received.GetOrAdd(importId, _ => []);
            lock (list)
            {
                list.Add((messageId, message));
            }

            listener._arrived.Release();
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return listener;
    }

    /// <summary>The first ImportCompleted of an import, waiting for it up to <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForAsync(Guid importId, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_received.TryGetValue(importId, out var list))
            {
                lock (list)
                {
                    return list[0].Message;
                }
            }

            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No ImportCompleted for import {importId} within {timeout}");
            }
        }
    }

    public IReadOnlyList<string?> MessageIdsOf(Guid importId)
    {
        if (!_received.TryGetValue(importId, out var list))
        {
            return [];
        }

        lock (list)
        {
            return list.Select(m => m.MessageId).ToArray();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.QueueDeleteAsync(_queue);
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
        _arrived.Dispose();
    }
}
