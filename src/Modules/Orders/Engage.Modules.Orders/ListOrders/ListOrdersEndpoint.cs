using System.Buffers;
using System.Text.Json;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.BuildingBlocks.Json;
using Engage.Modules.Orders.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;

namespace Engage.Modules.Orders.ListOrders;

/// <summary>The page shape (for the OpenAPI document; the endpoint writes stored documents as they are).</summary>
internal sealed record OrderPage(List<Order> Items, int Offset, int Count, long TotalCount, List<Link> Links);

/// <summary>
/// GET /api/v3/orders?contactId=&amp;offset=&amp;count=: a contact's orders, newest createdAt first, then
/// orderId. Served from the (contact_id, created_at_utc DESC, order_id) index; the stored
/// documents are written into the page without being parsed.
/// </summary>
internal static class ListOrdersEndpoint
{
    public static void MapListOrders(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v3/orders", Handle)
            .WithName("GetOrdersByContact")
            .WithSummary("Get the orders of a contact, paged")
            .WithDescription("Ordered by createdAt descending, then orderId. count 1–100 (default 10). next/previous links when there is such a page.")
            .Produces<OrderPage>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static IResult Handle(HttpContext http, string? contactId, string? offset, string? count, Db db)
    {
        var errors = new Dictionary<string, List<string>>();
        if (string.IsNullOrWhiteSpace(contactId))
        {
            errors["contactId"] = ["'contactId' is required."];
        }

        var (skip, take) = Paging.Read(offset, count, errors);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        using var connection = db.Open();
        using var known = connection.CreateCommand();
        known.CommandText = """
            SELECT EXISTS (SELECT 1 FROM orders_known_contacts WHERE contact_id = $contactId),
                   (SELECT COUNT(*) FROM orders_orders WHERE contact_id = $contactId)
            """;
        known.Parameters.Add("$contactId", SqliteType.Text).Value = contactId;
        long total;
        using (var reader = known.ExecuteReader())
        {
            reader.Read();
            total = reader.GetInt64(1);
            if (reader.GetInt64(0) == 0 && total == 0)
            {
                return Problem.NotFound($"There is no contact '{contactId}'.");
            }
        }

        using var page = connection.CreateCommand();
        page.CommandText = """
            SELECT document FROM orders_orders
            WHERE contact_id = $contactId
            ORDER BY created_at_utc DESC, order_id
            LIMIT $take OFFSET $skip
            """;
        page.Parameters.Add("$contactId", SqliteType.Text).Value = contactId;
        page.Parameters.Add("$take", SqliteType.Integer).Value = take;
        page.Parameters.Add("$skip", SqliteType.Integer).Value = skip;

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = EngageJson.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("items");
            // Each stored document's UTF-8 is copied into one pooled scratch buffer and written as it
            // is, instead of becoming a string that is encoded back (about 5 KB of garbage per order).
            var scratch = ArrayPool<byte>.Shared.Rent(8192);
            try
            {
                using var reader = page.ExecuteReader();
                while (reader.Read())
                {
                    var length = (int)reader.GetBytes(0, 0, null, 0, 0);
                    if (length > scratch.Length)
                    {
                        ArrayPool<byte>.Shared.Return(scratch);
                        scratch = ArrayPool<byte>.Shared.Rent(length);
                    }

                    reader.GetBytes(0, 0, scratch, 0, length);
                    writer.WriteRawValue(scratch.AsSpan(0, length), skipInputValidation: true);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }

            writer.WriteEndArray();
            writer.WriteNumber("offset", skip);
            writer.WriteNumber("count", take);
            writer.WriteNumber("totalCount", total);
            writer.WriteStartArray("links");
            foreach (var link in Paging.Links("/api/v3/orders", [new("contactId", contactId)], skip, take, total))
            {
                writer.WriteStartObject();
                writer.WriteString("rel", link.Rel);
                writer.WriteString("href", link.Href);
                writer.WriteString("method", link.Method);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Results.Bytes(buffer.WrittenMemory, "application/json; charset=utf-8");
    }
}
