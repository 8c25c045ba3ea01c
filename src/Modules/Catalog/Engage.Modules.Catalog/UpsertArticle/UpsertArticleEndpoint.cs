using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.Modules.Catalog.Model;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Catalog.UpsertArticle;

internal sealed record UpsertArticleRequest(string PathSku, Article Article);

internal sealed class UpsertArticleValidator : AbstractValidator<UpsertArticleRequest>
{
    public UpsertArticleValidator()
    {
        RuleFor(x => x.PathSku).Must(Rules.IsKey).WithMessage("The sku in the path must be 1–100 characters, not blank, without control characters.")
            .OverridePropertyName("Sku");
        RuleFor(x => x.Article.Sku).Must((request, sku) => sku is null || sku == request.PathSku)
            .WithMessage("'sku' must equal the sku in the path when it is given.").OverridePropertyName("Sku");
        RuleFor(x => x.Article.Name).MaximumLength(255).OverridePropertyName("Name");
        RuleFor(x => x.Article.Description).MaximumLength(2000).OverridePropertyName("Description");
        RuleFor(x => x.Article.ImageUri).Must(Rules.IsHttpUri).WithMessage(Rules.UriMessage).OverridePropertyName("ImageUri");
        RuleFor(x => x.Article.TargetUri).Must(Rules.IsHttpUri).WithMessage(Rules.UriMessage).OverridePropertyName("TargetUri");
    }
}

/// <summary>PUT an article: 201 when the SKU is new, 200 when it replaces the registered one.</summary>
internal static class UpsertArticleEndpoint
{
    public static void MapUpsertArticle(this IEndpointRouteBuilder app) =>
        app.MapPut("/api/v3/articles/{sku}", HandleAsync)
            .WithName("UpsertArticle")
            .WithSummary("Register or replace an article")
            .Accepts<Article>("application/json")
            .Produces<Article>(StatusCodes.Status200OK)
            .Produces<Article>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> HandleAsync(HttpContext http, string sku, UpsertArticleValidator validator, Db db, TimeProvider clock)
    {
        var body = await JsonBody.ReadAsync(http.Request, CatalogJsonContext.Api.Article, JsonBody.DefaultLimit);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        if (Validation.Check(validator, new UpsertArticleRequest(sku, body.Value!)) is { } problem)
        {
            return problem;
        }

        var article = body.Value! with { Sku = sku };
        var created = await db.WriteAsync((connection, transaction) =>
        {
            var existed = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM catalog_articles WHERE sku = @Sku", new { article.Sku }, transaction) > 0;
            connection.Execute(
                """
                INSERT INTO catalog_articles (sku, name, description, image_uri, target_uri, updated_at)
                VALUES (@Sku, @Name, @Description, @ImageUri, @TargetUri, @now)
                ON CONFLICT (sku) DO UPDATE SET name = excluded.name, description = excluded.description,
                    image_uri = excluded.image_uri, target_uri = excluded.target_uri, updated_at = excluded.updated_at
                """,
                new { article.Sku, article.Name, article.Description, article.ImageUri, article.TargetUri, now = clock.GetUtcNow().ToString("O") },
                transaction);
            return Task.FromResult(!existed);
        }, http.RequestAborted);

        if (created)
        {
            http.Response.Headers.Location = $"/api/v3/articles/{Uri.EscapeDataString(sku)}";
        }

        return Results.Json(article, CatalogJsonContext.Api.Article, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
