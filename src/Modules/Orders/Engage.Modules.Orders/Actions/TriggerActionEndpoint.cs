using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.BuildingBlocks.Messaging;
using Engage.Modules.Orders.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Orders.Actions;

internal sealed record ActionAccepted(string ActionId);

/// <summary>
/// POST /action: triggers an action for the current version of an order. 404 when the order is
/// unknown or the versionTag is not current; 422 when the order has no contact. The action is
/// recorded and published (outbox) in one transaction before the 202.
/// </summary>
internal static class TriggerActionEndpoint
{
    private sealed record Current(string VersionTag, string? ContactId);

    public static void MapTriggerAction(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v3/orders/{orderId}/action", HandleAsync)
            .WithName("TriggerOrderAction")
            .WithSummary("Trigger an action for a specific order")
            .WithDescription("The versionTag must be the order's current one. The only endpoint that triggers communication.")
            .Accepts<TriggerActionRequest>("application/json")
            .Produces<ActionAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> HandleAsync(
        HttpContext http, string orderId, TriggerActionValidator validator, Db db, Outbox outbox, OrdersSettings settings, TimeProvider clock)
    {
        var body = await JsonBody.ReadAsync(http.Request, OrdersJsonContext.Api.TriggerActionRequest, settings.MaxRequestBodyBytes);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        var request = body.Value!;
        if (Validation.Check(validator, request) is { } problem)
        {
            return problem;
        }

        var result = await db.WriteAsync<IResult>((connection, transaction) =>
        {
            var current = connection.QuerySingleOrDefault<Current>(
                "SELECT version_tag AS VersionTag, contact_id AS ContactId FROM orders_orders WHERE order_id = @orderId",
                new { orderId }, transaction);
            if (current is null)
            {
                return Task.FromResult<IResult>(Problem.NotFound($"There is no order with orderId '{orderId}'."));
            }

            if (current.VersionTag != request.VersionTag)
            {
                return Task.FromResult<IResult>(Problem.NotFound(
                    $"The versionTag does not match order '{orderId}': it has changed since. Read the order (or its latest job) for the current versionTag."));
            }

            if (current.ContactId is null)
            {
                return Task.FromResult<IResult>(new Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable Entity",
                    $"Order '{orderId}' has no contact, so no action can be triggered. Register the contact first; the order is connected then."));
            }

            var actionId = ActionRecorder.Record(connection, transaction, notification => outbox.Add(connection, transaction, notification),
                orderId, current.VersionTag, current.ContactId, request.Action!, request.Language, request.Data?.GetRawText(),
                ActionRecorder.SourceApi, jobId: null, clock.GetUtcNow());
            return Task.FromResult<IResult>(Results.Json(new ActionAccepted(actionId), OrdersJsonContext.Api.ActionAccepted, statusCode: StatusCodes.Status202Accepted));
        });
        outbox.Signal.Notify();
        return result;
    }
}
