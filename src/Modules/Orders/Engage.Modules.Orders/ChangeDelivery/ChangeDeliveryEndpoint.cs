using Engage.Modules.Orders.Jobs;
using Engage.Modules.Orders.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Orders.ChangeDelivery;

/// <summary>change-delivery: <c>{ delivery, orderAction? }</c>; the delivery object replaces the order's.</summary>
internal static class ChangeDeliveryEndpoint
{
    public static void MapChangeDelivery(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v3/orders/{orderId}/change-delivery", HandleAsync)
            .WithName("ChangeOrderDelivery")
            .WithSummary("Change the delivery method, tracking information or delivery date of an order")
            .Accepts<ChangeDeliveryRequest>("application/json")
            .Produces<AcceptedJob>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    private static Task<IResult> HandleAsync(HttpContext http, string orderId, ChangeDeliveryValidator validator, WriteAcceptor acceptor) =>
        acceptor.AcceptBodyAsync(http, Operations.ChangeDelivery, OrdersJsonContext.Api.ChangeDeliveryRequest, validator, _ => orderId);
}
