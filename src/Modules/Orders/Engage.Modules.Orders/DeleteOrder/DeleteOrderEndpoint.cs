using Engage.Modules.Orders.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Orders.DeleteOrder;

/// <summary>DELETE: removes the order, asynchronously. If-Match makes it conditional.</summary>
internal static class DeleteOrderEndpoint
{
    public static void MapDeleteOrder(this IEndpointRouteBuilder app) =>
        app.MapDelete("/api/v3/orders/{orderId}", (HttpContext http, string orderId, WriteAcceptor acceptor) =>
                acceptor.AcceptAsync(http, orderId, Operations.Delete, payload: null))
            .WithName("DeleteOrder")
            .WithSummary("Delete an order")
            .WithDescription("Deletes the order asynchronously. If-Match (a versionTag) makes it conditional: 412 when stale.")
            .Produces<AcceptedJob>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
