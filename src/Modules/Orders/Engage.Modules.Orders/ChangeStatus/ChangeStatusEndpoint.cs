using Engage.Modules.Orders.Jobs;
using Engage.Modules.Orders.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Orders.ChangeStatus;

/// <summary>change-status: <c>{ status?, externalStatus?, orderAction? }</c>, at least one of the two statuses.</summary>
internal static class ChangeStatusEndpoint
{
    public static void MapChangeStatus(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v3/orders/{orderId}/change-status", HandleAsync)
            .WithName("ChangeOrderStatus")
            .WithSummary("Change the status and/or external status of an order")
            .Accepts<ChangeStatusRequest>("application/json")
            .Produces<AcceptedJob>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    private static Task<IResult> HandleAsync(HttpContext http, string orderId, ChangeStatusValidator validator, WriteAcceptor acceptor) =>
        acceptor.AcceptBodyAsync(http, Operations.ChangeStatus, OrdersJsonContext.Api.ChangeStatusRequest, validator, _ => orderId);
}
