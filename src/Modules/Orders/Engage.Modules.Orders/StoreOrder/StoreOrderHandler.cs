using System.Globalization;
using System.Text.Json;
using Engage.BuildingBlocks;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Messaging;
using Engage.Modules.Orders.Contracts;
using Engage.Modules.Orders.Jobs;
using Engage.Modules.Orders.Model;
using Mediator;
using Microsoft.AspNetCore.Http;

namespace Engage.Modules.Orders.StoreOrder;

/// <summary>
/// Stage 1, "store": applies the pending jobs of an order in the order they were accepted, up to
/// and including the job this message is for, so an earlier write never overwrites a later one.
/// A job whose precondition broke meanwhile ends Failed (409 exists, 404 gone, 412 version
/// changed); otherwise the order gets a new versionTag, the job ends Succeeded, an embedded
/// orderAction is parked until the stages of that version are done, and <see cref="OrderStored"/>
/// goes to the next stages, all in the message's transaction.
/// </summary>
internal sealed class StoreOrderHandler(MessageContext context, TimeProvider clock) : INotificationHandler<OrderWriteAccepted>
{
    // Payload: the request body as it was accepted (UTF-8 JSON), not yet normalised.
    private sealed record PendingJob(long Seq, string JobId, string Operation, byte[]? Payload, string? IfMatch);

    private sealed record StoredOrder(string VersionTag, string? ContactId, byte[] Document);

    public ValueTask Handle(OrderWriteAccepted notification, CancellationToken cancellationToken)
    {
        if (!context.TryBegin("orders.store-order"))
        {
            return ValueTask.CompletedTask;
        }

        var jobs = new List<PendingJob>();
        using (var reader = context.Query(
            """
            SELECT j.seq, j.job_id, j.operation, p.payload, j.if_match
            FROM orders_jobs j LEFT JOIN orders_job_payloads p ON p.seq = j.seq
            WHERE j.order_id = $orderId AND j.status = 'Pending'
              AND j.seq <= (SELECT seq FROM orders_jobs WHERE job_id = $jobId)
            ORDER BY j.seq
            """,
            ("$orderId", notification.OrderId), ("$jobId", notification.JobId)))
        {
            while (reader.Read())
            {
                jobs.Add(new PendingJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetBytes(3), reader.GetNullableString(4)));
            }
        }

        foreach (var job in jobs)
        {
            Apply(notification.OrderId, job);
        }

        return ValueTask.CompletedTask;
    }

    private void Apply(string orderId, PendingJob job)
    {
        var current = Current(orderId);
        var now = clock.GetUtcNow();

        if (job.Operation == Operations.Create && current is not null)
        {
            Fail(job, StatusCodes.Status409Conflict, "Conflict", $"An order with orderId '{orderId}' already exists.", now);
            return;
        }

        if (job.Operation != Operations.Create && current is null)
        {
            Fail(job, StatusCodes.Status404NotFound, "Not Found", $"Order '{orderId}' no longer exists.", now);
            return;
        }

        if (job.IfMatch is not null && job.IfMatch != current!.VersionTag)
        {
            Fail(job, StatusCodes.Status412PreconditionFailed, "Precondition Failed",
                $"Order '{orderId}' changed after this job was accepted: If-Match no longer matches its versionTag.", now);
            return;
        }

        if (job.Operation == Operations.Delete)
        {
            context.Execute("DELETE FROM orders_orders WHERE order_id = $orderId", ("$orderId", orderId));
            Succeed(job, versionTag: null, now);
            context.Publish(new OrderDeleted(orderId, job.JobId, current!.ContactId, "Deleted by the client.", now));
            return;
        }

        var previous = current is null ? null : JsonSerializer.Deserialize(current.Document, OrdersJsonContext.Checked.Order)!;
        var (order, action) = NextVersion(job, previous);
        var versionTag = NewVersionTag();
        if (previous is null)
        {
            OrderNormalizer.Complete(order, versionTag, Rules.Format(now), contactId: null);
            context.Execute(
                """
                INSERT INTO orders_orders (order_id, version_tag, contact_id, match_key_type, match_key, created_at_utc, registered_at, document)
                VALUES ($orderId, $versionTag, NULL, $matchKeyType, $matchKey, $createdAtUtc, $registeredAt, $document)
                """,
                ("$orderId", orderId),
                ("$versionTag", versionTag),
                ("$matchKeyType", order.Contact!.MatchKeyType),
                ("$matchKey", order.Contact.MatchKey),
                ("$createdAtUtc", SortableUtc(order.CreatedAt!)),
                ("$registeredAt", order.RegisteredAt),
                ("$document", Document(order)));
        }
        else
        {
            // The contact stays connected while the match key is unchanged; otherwise it is resolved anew.
            var sameContact = previous.Contact!.MatchKeyType == order.Contact!.MatchKeyType && previous.Contact.MatchKey == order.Contact.MatchKey;
            OrderNormalizer.Complete(order, versionTag, previous.RegisteredAt!, sameContact ? current!.ContactId : null);
            context.Execute(
                """
                UPDATE orders_orders
                SET version_tag = $versionTag, contact_id = $contactId, match_key_type = $matchKeyType, match_key = $matchKey,
                    created_at_utc = $createdAtUtc, document = $document
                WHERE order_id = $orderId
                """,
                ("$versionTag", versionTag),
                ("$contactId", order.ContactId),
                ("$matchKeyType", order.Contact.MatchKeyType),
                ("$matchKey", order.Contact.MatchKey),
                ("$createdAtUtc", SortableUtc(order.CreatedAt!)),
                ("$document", Document(order)),
                ("$orderId", orderId));
        }

        Succeed(job, versionTag, now);
        if (action is not null)
        {
            context.Execute(
                """
                INSERT INTO orders_embedded_actions (order_id, version_tag, job_id, action, language, data)
                VALUES ($orderId, $versionTag, $jobId, $action, $language, $data)
                """,
                ("$orderId", orderId), ("$versionTag", versionTag), ("$jobId", job.JobId),
                ("$action", action.Action), ("$language", action.Language), ("$data", action.Data?.GetRawText()));
        }

        context.Publish(new OrderStored(
            orderId,
            versionTag,
            job.JobId,
            job.Operation,
            order.Contact!.MatchKeyType!,
            order.Contact.MatchKey!,
            order.ExternalStoreId,
            order.LineItems!.Items!.Select(i => i!.Article!.Sku!).Distinct(StringComparer.Ordinal).ToList(),
            now));
    }

    /// <summary>
    /// The order as this job makes it, and the embedded action the job carries (kept out of the
    /// stored order). The payload was parsed and validated when the write was accepted; here it is
    /// parsed again the same way and normalised (enums in canonical spelling, times in round-trip
    /// form, read-only input dropped). Normalising is idempotent, so a payload a version before this
    /// one stored already normalised comes out the same.
    /// </summary>
    private static (Order Order, EmbeddedOrderAction? Action) NextVersion(PendingJob job, Order? previous)
    {
        switch (job.Operation)
        {
            case Operations.ChangeStatus:
            {
                var change = JsonSerializer.Deserialize(job.Payload, OrdersJsonContext.Checked.ChangeStatusRequest)!;
                previous!.Status = Enums.Canonical(Enums.OrderStatuses, change.Status) ?? previous.Status;
                previous.ExternalStatus = change.ExternalStatus ?? previous.ExternalStatus;
                return (previous, change.OrderAction);
            }

            case Operations.ChangeDelivery:
            {
                var change = JsonSerializer.Deserialize(job.Payload, OrdersJsonContext.Checked.ChangeDeliveryRequest)!;
                OrderNormalizer.NormalizeDelivery(change.Delivery!);
                previous!.Delivery = change.Delivery;
                return (previous, change.OrderAction);
            }

            default:
            {
                var order = OrderNormalizer.Normalize(JsonSerializer.Deserialize(job.Payload, OrdersJsonContext.Checked.Order)!);
                var action = order.OrderAction;
                order.OrderAction = null;
                return (order, action);
            }
        }
    }

    private StoredOrder? Current(string orderId)
    {
        using var reader = context.Query(
            "SELECT version_tag, contact_id, document FROM orders_orders WHERE order_id = $orderId", ("$orderId", orderId));
        return reader.Read() ? new StoredOrder(reader.GetString(0), reader.GetNullableString(1), reader.GetBytes(2)) : null;
    }

    private void Succeed(PendingJob job, string? versionTag, DateTimeOffset now)
    {
        context.Execute(
            "UPDATE orders_jobs SET status = 'Succeeded', version_tag = $versionTag, completed_at = $now WHERE seq = $seq",
            ("$versionTag", versionTag), ("$now", now.ToString("O")), ("$seq", job.Seq));
        RemovePayload(job);
    }

    private void Fail(PendingJob job, int status, string title, string detail, DateTimeOffset now)
    {
        context.Execute(
            """
            UPDATE orders_jobs SET status = 'Failed', completed_at = $now,
                   error_status = $status, error_title = $title, error_detail = $detail
            WHERE seq = $seq
            """,
            ("$now", now.ToString("O")), ("$status", status), ("$title", title), ("$detail", detail), ("$seq", job.Seq));
        RemovePayload(job);
    }

    /// <summary>A completed job's payload has served its purpose.</summary>
    private void RemovePayload(PendingJob job)
    {
        if (job.Payload is not null)
        {
            context.Execute("DELETE FROM orders_job_payloads WHERE seq = $seq", ("$seq", job.Seq));
        }
    }

    /// <summary>The stored document, serialised to UTF-8 and stored as TEXT without a UTF-16 detour.</summary>
    private static Utf8Text Document(Order order) => new(JsonSerializer.SerializeToUtf8Bytes(order, OrdersJsonContext.Api.Order));

    internal static string SortableUtc(string dateTime) =>
        DateTimeOffset.Parse(dateTime, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string NewVersionTag()
    {
        Span<byte> bytes = stackalloc byte[16];
        Ids.FillRandom(bytes);
        return Convert.ToBase64String(bytes);
    }
}
