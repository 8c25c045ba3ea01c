using Carter;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Catalog;

/// <summary>The module's one Carter module: it maps every Catalog slice.</summary>
public sealed class CatalogEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
    }
}
