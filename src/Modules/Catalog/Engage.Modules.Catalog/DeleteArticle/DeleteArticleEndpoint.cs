using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Catalog.DeleteArticle;

internal static class DeleteArticleEndpoint
{
    public static void MapDeleteArticle(this IEndpointRouteBuilder app) =>
        app.MapDelete("/api/v3/articles/{sku}", HandleAsync)
            .WithName("DeleteArticle")
            .WithSummary("Delete an article")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(HttpContext http, string sku, Db db)
    {
        var deleted = await db.WriteAsync(
            (connection, transaction) => Task.FromResult(connection.Execute("DELETE FROM catalog_articles WHERE sku = @sku", new { sku }, transaction)),
            http.RequestAborted);
        return deleted == 0 ? Problem.NotFound($"There is no article with sku '{sku}'.") : Results.NoContent();
    }
}
