using Microsoft.OpenApi;

namespace Engage.Host.Edge;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, with the <c>apikey</c> security scheme.</summary>
internal static class OpenApi
{
    public static IServiceCollection AddEngageOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Engage Orders API v3",
                Version = "v3",
                Description = "A self-hosted implementation of the Voyado Engage Order API v3. Every /api/ call needs the 'apikey' header.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["apikey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "apikey",
                Description = "An API key from Engage:ApiKeys.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("apikey", document)] = [],
            });
            return Task.CompletedTask;
        }));
}
