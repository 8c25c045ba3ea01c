using Carter;
using Engage.Modules.IntegrationLog.GetEntries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.IntegrationLog;

/// <summary>The module's one Carter module: it maps every IntegrationLog slice.</summary>
public sealed class IntegrationLogEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var log = app.MapGroup("").WithTags("Integration log");
        log.MapGetEntries();
    }
}
