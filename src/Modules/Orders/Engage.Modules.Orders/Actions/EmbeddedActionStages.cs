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

    private sealed record Waiting(string JobId, string Action, string? Language, string? Data);

    public static void StageDone(MessageContext context, string orderId, string versionTag, string stage, DateTimeOffset now)
    {
        // One statement on the common path: most writes carry no action, so nothing matches. (Not
        // UPDATE ... RETURNING: SQLite runs RETURNING through a temporary table it creates and drops
        // on every execution, matching rows or not.)
        var column = stage == Contact ? Contact : References;
        if (context.Execute(
            $"UPDATE orders_embedded_actions SET {column} = 1 WHERE order_id = $orderId AND version_tag = $versionTag",
            ("$orderId", orderId), ("$versionTag", versionTag)) == 0)
        {
            return;
        }

        Waiting? waiting = null;
        using (var reader = context.Query(
            """
            SELECT job_id, action, language, data FROM orders_embedded_actions
            WHERE order_id = $orderId AND version_tag = $versionTag AND contact_done AND refs_done
            """,
            ("$orderId", orderId), ("$versionTag", versionTag)))
        {
            if (reader.Read())
            {
                waiting = new Waiting(reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), reader.GetNullableString(3));
            }
        }

        if (waiting is null)
        {
            return;
        }

        context.Execute(
            "DELETE FROM orders_embedded_actions WHERE order_id = $orderId AND version_tag = $versionTag",
            ("$orderId", orderId), ("$versionTag", versionTag));
        string? currentVersion = null;
        string? contactId = null;
        using (var reader = context.Query(
            "SELECT version_tag, contact_id FROM orders_orders WHERE order_id = $orderId", ("$orderId", orderId)))
        {
            if (reader.Read())
            {
                currentVersion = reader.GetString(0);
                contactId = reader.GetNullableString(1);
            }
        }

        if (currentVersion != versionTag)
        {
            context.Publish(new OrderActionNotTriggered(orderId, versionTag, waiting.Action, waiting.JobId,
                "The order was changed or deleted before the action's version was fully processed; an action applies only to the version it came with.", now));
            return;
        }

        if (contactId is null)
        {
            context.Publish(new OrderActionNotTriggered(orderId, versionTag, waiting.Action, waiting.JobId,
                "The order has no contact, so the action was not triggered. Register the contact, then trigger the action with /action.", now));
            return;
        }

        ActionRecorder.Record(context.Connection, context.Transaction, context.Publish, orderId, versionTag, contactId,
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
