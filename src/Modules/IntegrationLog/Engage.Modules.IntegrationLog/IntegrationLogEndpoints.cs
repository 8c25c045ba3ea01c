using Carter;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.IntegrationLog;

/// <summary>The module's one Carter module: it maps every IntegrationLog slice.</summary>
public sealed class IntegrationLogEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
    }
}
