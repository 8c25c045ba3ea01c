using System.Text.Json;
using Engage.BuildingBlocks.Http;
using Engage.Modules.Orders.Jobs;
using Engage.Modules.Orders.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Orders.RegisterOrder;

internal static class RegisterOrderEndpoint
{
    public static void MapRegisterOrder(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v3/orders", HandleAsync)
            .WithName("RegisterOrder")
            .WithSummary("Register a new order")
            .WithDescription("Checks the order's format, records it with a job and answers 202; the order is stored asynchronously. Poll the job for the outcome.")
            .Accepts<Order>("application/json")
            .Produces<AcceptedJob>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> HandleAsync(HttpContext http, RegisterOrderHandler handler, OrdersSettings settings)
    {
        var body = await JsonBody.ReadAsync(http.Request, OrdersJsonContext.Api.Order, settings.MaxRequestBodyBytes);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        return await handler.HandleAsync(http, body.Value!);
    }
}

internal sealed class RegisterOrderHandler(OrderValidator validator, WriteAcceptor acceptor)
{
    public async Task<IResult> HandleAsync(HttpContext http, Order order)
    {
        if (Validation.Check(validator, order) is { } problem)
        {
            return problem;
        }

        OrderNormalizer.Normalize(order);
        return await acceptor.AcceptAsync(http, order.OrderId!, Operations.Create, JsonSerializer.Serialize(order, OrdersJsonContext.Api.Order));
    }
}
