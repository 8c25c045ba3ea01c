using System.Text.Json;
using Engage.BuildingBlocks.Http;
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

    private static async Task<IResult> HandleAsync(HttpContext http, string orderId, ChangeDeliveryValidator validator, WriteAcceptor acceptor, OrdersSettings settings)
    {
        var body = await JsonBody.ReadAsync(http.Request, OrdersJsonContext.Api.ChangeDeliveryRequest, settings.MaxRequestBodyBytes);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        var change = body.Value!;
        if (Validation.Check(validator, change) is { } problem)
        {
            return problem;
        }

        OrderNormalizer.NormalizeDelivery(change.Delivery!);
        return await acceptor.AcceptAsync(http, orderId, Operations.ChangeDelivery, JsonSerializer.Serialize(change, OrdersJsonContext.Api.ChangeDeliveryRequest));
    }
}
