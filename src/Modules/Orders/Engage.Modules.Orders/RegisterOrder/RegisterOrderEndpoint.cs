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

    private static Task<IResult> HandleAsync(HttpContext http, OrderValidator validator, WriteAcceptor acceptor) =>
        acceptor.AcceptBodyAsync(http, Operations.Create, OrdersJsonContext.Api.Order, validator, order => order.OrderId!);
}
