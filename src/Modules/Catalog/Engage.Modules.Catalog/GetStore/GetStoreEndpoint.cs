using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.Modules.Catalog.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Catalog.GetStore;

internal static class GetStoreEndpoint
{
    public static void MapGetStore(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v3/stores/{externalStoreId}", Handle)
            .WithName("GetStore")
            .WithSummary("Get a store")
            .Produces<Store>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static IResult Handle(string externalStoreId, Db db)
    {
        using var connection = db.Open();
        var store = connection.QuerySingleOrDefault<Store>(
            """
            SELECT external_store_id AS ExternalStoreId, name AS Name, country_code AS CountryCode
            FROM catalog_stores WHERE external_store_id = @externalStoreId
            """,
            new { externalStoreId });
        return store is null
            ? Problem.NotFound($"There is no store with externalStoreId '{externalStoreId}'.")
            : Results.Json(store, CatalogJsonContext.Api.Store);
    }
}
