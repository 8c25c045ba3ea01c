using Carter;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Contacts;

/// <summary>The module's one Carter module: it maps every Contacts slice.</summary>
public sealed class ContactsEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
    }
}
