using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.Modules.Catalog.Model;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Catalog.UpsertStore;

internal sealed record UpsertStoreRequest(string PathStoreId, Store Store);

internal sealed class UpsertStoreValidator : AbstractValidator<UpsertStoreRequest>
{
    public UpsertStoreValidator()
    {
        RuleFor(x => x.PathStoreId).Must(Rules.IsKey)
            .WithMessage("The externalStoreId in the path must be 1–100 characters, not blank, without control characters.")
            .OverridePropertyName("ExternalStoreId");
        RuleFor(x => x.Store.ExternalStoreId).Must((request, id) => id is null || id == request.PathStoreId)
            .WithMessage("'externalStoreId' must equal the externalStoreId in the path when it is given.").OverridePropertyName("ExternalStoreId");
        RuleFor(x => x.Store.Name).MaximumLength(255).OverridePropertyName("Name");
        RuleFor(x => x.Store.CountryCode).Must(Rules.IsCountryCode).WithMessage(Rules.CountryMessage).OverridePropertyName("CountryCode");
    }
}

/// <summary>PUT a store: 201 when the externalStoreId is new, 200 when it replaces the registered one.</summary>
internal static class UpsertStoreEndpoint
{
    public static void MapUpsertStore(this IEndpointRouteBuilder app) =>
        app.MapPut("/api/v3/stores/{externalStoreId}", HandleAsync)
            .WithName("UpsertStore")
            .WithSummary("Register or replace a store")
            .Accepts<Store>("application/json")
            .Produces<Store>(StatusCodes.Status200OK)
            .Produces<Store>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> HandleAsync(HttpContext http, string externalStoreId, UpsertStoreValidator validator, Db db, TimeProvider clock)
    {
        var body = await JsonBody.ReadAsync(http.Request, CatalogJsonContext.Api.Store, JsonBody.DefaultLimit);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        if (Validation.Check(validator, new UpsertStoreRequest(externalStoreId, body.Value!)) is { } problem)
        {
            return problem;
        }

        var store = body.Value! with { ExternalStoreId = externalStoreId, CountryCode = body.Value!.CountryCode?.ToUpperInvariant() };
        var created = await db.WriteAsync((connection, transaction) =>
        {
            var existed = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM catalog_stores WHERE external_store_id = @ExternalStoreId", new { store.ExternalStoreId }, transaction) > 0;
            connection.Execute(
                """
                INSERT INTO catalog_stores (external_store_id, name, country_code, updated_at)
                VALUES (@ExternalStoreId, @Name, @CountryCode, @now)
                ON CONFLICT (external_store_id) DO UPDATE SET name = excluded.name, country_code = excluded.country_code,
                    updated_at = excluded.updated_at
                """,
                new { store.ExternalStoreId, store.Name, store.CountryCode, now = clock.GetUtcNow().ToString("O") },
                transaction);
            return Task.FromResult(!existed);
        }, http.RequestAborted);

        if (created)
        {
            http.Response.Headers.Location = $"/api/v3/stores/{Uri.EscapeDataString(externalStoreId)}";
        }

        return Results.Json(store, CatalogJsonContext.Api.Store, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
