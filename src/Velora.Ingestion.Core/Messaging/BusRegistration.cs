using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Velora.Ingestion.Messaging;

/// <summary>The MassTransit/RabbitMQ wiring shared by the gateway and the worker.</summary>
public static class BusRegistration
{
    public static IServiceCollection AddIngestionBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? addConsumers = null,
        Action<IRabbitMqBusFactoryConfigurator>? configureRabbit = null)
    {
        services.AddCheckedOptions<RabbitMqOptions>(configuration, RabbitMqOptions.SectionName);
        services.AddMassTransit(bus =>
        {
            // Queues read as import-requested, import-chunk… on the dashboard.
            bus.SetKebabCaseEndpointNameFormatter();
            // MassTransit would otherwise report usage to its vendor over the internet.
            bus.DisableUsageTelemetry();
            addConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                rabbit.Host(options.Host, options.Port, options.VirtualHost, host =>
                {
                    host.Username(options.Username);
                    host.Password(options.Password);
                });
                rabbit.MessageTopology.SetEntityNameFormatter(new MessageEntityNames());
                configureRabbit?.Invoke(rabbit);
                rabbit.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
