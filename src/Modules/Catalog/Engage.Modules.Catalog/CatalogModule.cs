using Engage.BuildingBlocks.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engage.Modules.Catalog;

/// <summary>The Catalog module's one registration call.</summary>
public static class CatalogModule
{
    public static IServiceCollection AddCatalogModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new ModuleMigrations("catalog", typeof(CatalogModule).Assembly));
        return services;
    }
}
