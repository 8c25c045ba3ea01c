using Engage.BuildingBlocks.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engage.Modules.IntegrationLog;

/// <summary>
/// The IntegrationLog module's one registration call. It produces no notifications: it records
/// entries from what the other modules (and the outbox, for parked messages) publish.
/// </summary>
public static class IntegrationLogModule
{
    public static IServiceCollection AddIntegrationLogModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new ModuleMigrations("integration-log", typeof(IntegrationLogModule).Assembly));
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Add(IntegrationLogJsonContext.Api));
        return services;
    }
}
