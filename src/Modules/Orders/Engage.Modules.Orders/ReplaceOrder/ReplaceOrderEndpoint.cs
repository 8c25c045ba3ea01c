using System.Text.Json;
using Engage.BuildingBlocks.Http;
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

    private static async Task<IResult> HandleAsync(HttpContext http, string orderId, OrderValidator validator, WriteAcceptor acceptor, OrdersSettings settings)
    {
        var body = await JsonBody.ReadAsync(http.Request, OrdersJsonContext.Api.Order, settings.MaxRequestBodyBytes);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        var order = body.Value!;
        var result = validator.Validate(order);
        var errors = Validation.ToErrors(result);
        if (order.OrderId is not null && order.OrderId != orderId)
        {
            errors.TryAdd("orderId", []);
            errors["orderId"].Add($"'orderId' must equal the orderId in the path ('{orderId}').");
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        OrderNormalizer.Normalize(order);
        return await acceptor.AcceptAsync(http, orderId, Operations.Replace, JsonSerializer.Serialize(order, OrdersJsonContext.Api.Order));
    }
}
