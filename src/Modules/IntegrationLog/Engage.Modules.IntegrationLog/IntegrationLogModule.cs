using Engage.BuildingBlocks.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engage.Modules.IntegrationLog;

/// <summary>The IntegrationLog module's one registration call.</summary>
public static class IntegrationLogModule
{
    public static IServiceCollection AddIntegrationLogModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new ModuleMigrations("integration-log", typeof(IntegrationLogModule).Assembly));
        return services;
    }
}
