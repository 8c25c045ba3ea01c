using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.Modules.Catalog.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Catalog.GetArticle;

internal static class GetArticleEndpoint
{
    public static void MapGetArticle(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v3/articles/{sku}", Handle)
            .WithName("GetArticle")
            .WithSummary("Get an article")
            .Produces<Article>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static IResult Handle(string sku, Db db)
    {
        using var connection = db.Open();
        var article = connection.QuerySingleOrDefault<Article>(
            """
            SELECT sku AS Sku, name AS Name, description AS Description, image_uri AS ImageUri, target_uri AS TargetUri
            FROM catalog_articles WHERE sku = @sku
            """,
            new { sku });
        return article is null
            ? Problem.NotFound($"There is no article with sku '{sku}'.")
            : Results.Json(article, CatalogJsonContext.Api.Article);
    }
}
