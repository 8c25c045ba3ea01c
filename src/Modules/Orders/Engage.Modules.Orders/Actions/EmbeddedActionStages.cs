using Dapper;
using Engage.BuildingBlocks.Messaging;
using Engage.Modules.Catalog.Contracts;
using Engage.Modules.Orders.Contracts;
using Mediator;

namespace Engage.Modules.Orders.Actions;

/// <summary>
/// An embedded orderAction waits until the contact and reference stages of its version are done,
/// then is triggered exactly as <c>/action</c> with that versionTag would be: only if that version
/// is still current and the order has a contact; otherwise it is not triggered and that is said.
/// </summary>
internal static class EmbeddedActionStages
{
    public const string Contact = "contact_done";
    public const string References = "refs_done";

    private sealed record Waiting(string JobId, string Action, string? Language, string? Data, long ContactDone, long RefsDone);

    private sealed record Current(string VersionTag, string? ContactId);

    public static void StageDone(MessageContext context, string orderId, string versionTag, string stage, DateTimeOffset now)
    {
        var connection = context.Connection;
        var column = stage == Contact ? Contact : References;
        connection.Execute(
            $"UPDATE orders_embedded_actions SET {column} = 1 WHERE order_id = @orderId AND version_tag = @versionTag",
            new { orderId, versionTag }, context.Transaction);
        var waiting = connection.QuerySingleOrDefault<Waiting>(
            """
            SELECT job_id AS JobId, action AS Action, language AS Language, data AS Data,
                   contact_done AS ContactDone, refs_done AS RefsDone
            FROM orders_embedded_actions WHERE order_id = @orderId AND version_tag = @versionTag
            """,
            new { orderId, versionTag }, context.Transaction);
        if (waiting is null || waiting.ContactDone == 0 || waiting.RefsDone == 0)
        {
            return;
        }

        connection.Execute(
            "DELETE FROM orders_embedded_actions WHERE order_id = @orderId AND version_tag = @versionTag",
            new { orderId, versionTag }, context.Transaction);
        var current = connection.QuerySingleOrDefault<Current>(
            "SELECT version_tag AS VersionTag, contact_id AS ContactId FROM orders_orders WHERE order_id = @orderId",
            new { orderId }, context.Transaction);
        if (current is null || current.VersionTag != versionTag)
        {
            context.Publish(new OrderActionNotTriggered(orderId, versionTag, waiting.Action, waiting.JobId,
                "The order was changed or deleted before the action's version was fully processed; an action applies only to the version it came with.", now));
            return;
        }

        if (current.ContactId is null)
        {
            context.Publish(new OrderActionNotTriggered(orderId, versionTag, waiting.Action, waiting.JobId,
                "The order has no contact, so the action was not triggered. Register the contact, then trigger the action with /action.", now));
            return;
        }

        ActionRecorder.Record(connection, context.Transaction, context.Publish, orderId, versionTag, current.ContactId,
            waiting.Action, waiting.Language, waiting.Data, ActionRecorder.SourceEmbedded, waiting.JobId, now);
    }
}

/// <summary>The reference stage of a version is done: an embedded action of that version may be due.</summary>
internal sealed class ReferencesCheckedHandler(MessageContext context, TimeProvider clock) : INotificationHandler<OrderReferencesChecked>
{
    public ValueTask Handle(OrderReferencesChecked notification, CancellationToken cancellationToken)
    {
        if (context.TryBegin("orders.references-checked"))
        {
            EmbeddedActionStages.StageDone(context, notification.OrderId, notification.VersionTag, EmbeddedActionStages.References, clock.GetUtcNow());
        }

        return ValueTask.CompletedTask;
    }
}
