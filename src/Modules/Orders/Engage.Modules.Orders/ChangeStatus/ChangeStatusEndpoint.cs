using System.Text.Json;
using Engage.BuildingBlocks.Http;
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

    private static async Task<IResult> HandleAsync(HttpContext http, string orderId, ChangeStatusValidator validator, WriteAcceptor acceptor, OrdersSettings settings)
    {
        var body = await JsonBody.ReadAsync(http.Request, OrdersJsonContext.Api.ChangeStatusRequest, settings.MaxRequestBodyBytes);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        var change = body.Value!;
        if (Validation.Check(validator, change) is { } problem)
        {
            return problem;
        }

        change.Status = Enums.Canonical(Enums.OrderStatuses, change.Status);
        return await acceptor.AcceptAsync(http, orderId, Operations.ChangeStatus, JsonSerializer.Serialize(change, OrdersJsonContext.Api.ChangeStatusRequest));
    }
}
