using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Velora.Ingestion;

/// <summary>
/// Binds an options class to its configuration section and checks its ranges when the host starts, so that a value
/// such as <c>Worker:ChunkRows=0</c> stops the service at once with the key named, not on the first import.
/// </summary>
public static class OptionsRegistration
{
    public static OptionsBuilder<TOptions> AddCheckedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class =>
        services.AddOptions<TOptions>().Bind(configuration.GetSection(sectionName)).ValidateDataAnnotations().ValidateOnStart();
}
