using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Catalog.DeleteStore;

internal static class DeleteStoreEndpoint
{
    public static void MapDeleteStore(this IEndpointRouteBuilder app) =>
        app.MapDelete("/api/v3/stores/{externalStoreId}", HandleAsync)
            .WithName("DeleteStore")
            .WithSummary("Delete a store")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(HttpContext http, string externalStoreId, Db db)
    {
        var deleted = await db.WriteAsync(
            (connection, transaction) => Task.FromResult(connection.Execute(
                "DELETE FROM catalog_stores WHERE external_store_id = @externalStoreId", new { externalStoreId }, transaction)),
            http.RequestAborted);
        return deleted == 0 ? Problem.NotFound($"There is no store with externalStoreId '{externalStoreId}'.") : Results.NoContent();
    }
}
