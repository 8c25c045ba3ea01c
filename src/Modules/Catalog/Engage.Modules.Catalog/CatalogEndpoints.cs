using Carter;
using Engage.Modules.Catalog.DeleteArticle;
using Engage.Modules.Catalog.DeleteStore;
using Engage.Modules.Catalog.GetArticle;
using Engage.Modules.Catalog.GetStore;
using Engage.Modules.Catalog.UpsertArticle;
using Engage.Modules.Catalog.UpsertStore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Catalog;

/// <summary>The module's one Carter module: it maps every Catalog slice.</summary>
public sealed class CatalogEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var articles = app.MapGroup("").WithTags("Articles");
        articles.MapUpsertArticle();
        articles.MapGetArticle();
        articles.MapDeleteArticle();

        var stores = app.MapGroup("").WithTags("Stores");
        stores.MapUpsertStore();
        stores.MapGetStore();
        stores.MapDeleteStore();
    }
}
