using System.Text.Json;
using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Orders.Actions;

internal sealed record TriggeredAction(
    string ActionId,
    string Action,
    string VersionTag,
    string? Language,
    JsonElement? Data,
    string Source,
    string? JobId,
    DateTimeOffset TriggeredAt);

/// <summary>GET /actions: the actions triggered for an order, oldest first.</summary>
internal static class ListActionsEndpoint
{
    private sealed record Row(string ActionId, string Action, string VersionTag, string? Language, string? Data, string Source, string? JobId, string TriggeredAt);

    public static void MapListActions(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v3/orders/{orderId}/actions", Handle)
            .WithName("ListOrderActions")
            .WithSummary("List the actions triggered for an order")
            .Produces<List<TriggeredAction>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static IResult Handle(string orderId, Db db)
    {
        using var connection = db.Open();
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM orders_orders WHERE order_id = @orderId", new { orderId }) == 0)
        {
            return Problem.NotFound($"There is no order with orderId '{orderId}'.");
        }

        var actions = connection.Query<Row>(
                """
                SELECT action_id AS ActionId, action AS Action, version_tag AS VersionTag, language AS Language, data AS Data,
                       source AS Source, job_id AS JobId, triggered_at AS TriggeredAt
                FROM orders_actions WHERE order_id = @orderId ORDER BY seq
                """,
                new { orderId })
            .Select(row => new TriggeredAction(
                row.ActionId, row.Action, row.VersionTag, row.Language,
                row.Data is null ? null : Parse(row.Data),
                row.Source, row.JobId,
                DateTimeOffset.Parse(row.TriggeredAt, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return Results.Json(actions, OrdersJsonContext.Api.ListTriggeredAction);
    }

    /// <summary>The stored action data as a detached element; the document (and its pooled buffer) is released.</summary>
    private static JsonElement Parse(string data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.Clone();
    }
}
