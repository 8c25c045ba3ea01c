using Engage.BuildingBlocks;
using Engage.BuildingBlocks.Database;
using Engage.Modules.Catalog.UpsertArticle;
using Engage.Modules.Catalog.UpsertStore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engage.Modules.Catalog;

/// <summary>The Catalog module's one registration call: articles, stores, and the "check references" stage.</summary>
public static class CatalogModule
{
    public static IServiceCollection AddCatalogModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new ModuleMigrations("catalog", typeof(CatalogModule).Assembly));
        services.AddSingleton<UpsertArticleValidator>();
        services.AddSingleton<UpsertStoreValidator>();

        services.AddMessageType("catalog.order-references-checked.v1", CatalogJsonContext.Api.OrderReferencesChecked);

        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Add(CatalogJsonContext.Api));
        return services;
    }
}
