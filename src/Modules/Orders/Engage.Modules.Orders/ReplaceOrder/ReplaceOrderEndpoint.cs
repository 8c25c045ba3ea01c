using Engage.Modules.Orders.Jobs;
using Engage.Modules.Orders.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Orders.ReplaceOrder;

/// <summary>PUT: replaces the whole order (omitted optional fields are gone afterwards), asynchronously.</summary>
internal static class ReplaceOrderEndpoint
{
    public static void MapReplaceOrder(this IEndpointRouteBuilder app) =>
        app.MapPut("/api/v3/orders/{orderId}", HandleAsync)
            .WithName("ReplaceOrder")
            .WithSummary("Replace an order")
            .WithDescription("Replaces the order as a whole. The body's orderId must equal the path's. If-Match (a versionTag) makes it conditional: 412 when stale, checked on accept and again on processing.")
            .Accepts<Order>("application/json")
            .Produces<AcceptedJob>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static Task<IResult> HandleAsync(HttpContext http, string orderId, OrderValidator validator, WriteAcceptor acceptor) =>
        acceptor.AcceptBodyAsync(http, Operations.Replace, OrdersJsonContext.Api.Order, validator, _ => orderId,
            (order, errors) =>
            {
                if (order.OrderId is not null && order.OrderId != orderId)
                {
                    errors.TryAdd("orderId", []);
                    errors["orderId"].Add($"'orderId' must equal the orderId in the path ('{orderId}').");
                }
            });
}
