using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.Modules.Orders.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;

namespace Engage.Modules.Orders.GetOrder;

/// <summary>GET an order by id; with <c>contactId</c>, only when the order is connected to that contact.</summary>
internal static class GetOrderEndpoint
{
    public static void MapGetOrder(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v3/orders/{orderId}", Handle)
            .WithName("GetOrder")
            .WithSummary("Get a specific order")
            .WithDescription("Returns the stored order with ETag = versionTag. With contactId, 404 unless the order is connected to that contact.")
            .Produces<Order>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static IResult Handle(HttpContext http, string orderId, string? contactId, Db db)
    {
        using var connection = db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version_tag, contact_id, document FROM orders_orders WHERE order_id = $orderId";
        command.Parameters.Add("$orderId", SqliteType.Text).Value = orderId;
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return Problem.NotFound($"There is no order with orderId '{orderId}'.");
        }

        if (contactId is not null && (reader.IsDBNull(1) || !string.Equals(reader.GetString(1), contactId, StringComparison.OrdinalIgnoreCase)))
        {
            return Problem.NotFound($"Order '{orderId}' is not connected to contact '{contactId}'.");
        }

        http.Response.Headers.ETag = $"\"{reader.GetString(0)}\"";
        // The stored UTF-8 as it is: no string to build from it and encode back.
        return Results.Bytes(reader.GetFieldValue<byte[]>(2), "application/json; charset=utf-8");
    }
}
