using System.ComponentModel.DataAnnotations;

namespace Velora.Ingestion.Messaging;

/// <summary>Bound from the <c>RabbitMq</c> section; the defaults match the local stack of run.sh.</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "RabbitMq";

    /// <summary><c>RabbitMq:Host</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary><c>RabbitMq:Port</c>.</summary>
    [Range(1, 65_535, ErrorMessage = "RabbitMq:Port must be between {1} and {2}.")]
    public ushort Port { get; set; } = 5672;

    /// <summary><c>RabbitMq:VirtualHost</c>.</summary>
    public string VirtualHost { get; set; } = "/";

    /// <summary><c>RabbitMq:Username</c>.</summary>
    public string Username { get; set; } = "guest";

    /// <summary><c>RabbitMq:Password</c>.</summary>
    public string Password { get; set; } = "guest";
}
