using Dapper;
using Engage.BuildingBlocks.Messaging;
using Engage.Modules.Contacts.Contracts;
using Engage.Modules.Orders.Actions;
using Engage.Modules.Orders.Contracts;
using Mediator;

namespace Engage.Modules.Orders.ConnectContact;

/// <summary>
/// Records the contact Contacts resolved for an order. It applies to whatever version of the order
/// still carries the same match key (so a late connection reaches the current version), and never
/// to an order whose match key has changed since. The answer for a version also completes that
/// version's contact stage (an embedded action may be waiting for it).
/// </summary>
internal sealed class ConnectContactHandler(MessageContext context, TimeProvider clock) : INotificationHandler<OrderContactResolved>
{
    public ValueTask Handle(OrderContactResolved notification, CancellationToken cancellationToken)
    {
        if (!context.TryBegin("orders.connect-contact"))
        {
            return ValueTask.CompletedTask;
        }

        if (notification.ContactId is not null)
        {
            context.Execute(
                """
                UPDATE orders_orders
                SET contact_id = $contactId, document = json_set(document, '$.contactId', $contactId)
                WHERE order_id = $orderId AND match_key_type = $matchKeyType AND match_key = $matchKey
                """,
                ("$contactId", notification.ContactId), ("$orderId", notification.OrderId),
                ("$matchKeyType", notification.MatchKeyType), ("$matchKey", notification.MatchKey));
            context.Execute("INSERT OR IGNORE INTO orders_known_contacts (contact_id) VALUES ($contactId)", ("$contactId", notification.ContactId));
        }

        if (!notification.LateConnection)
        {
            EmbeddedActionStages.StageDone(context, notification.OrderId, notification.VersionTag, EmbeddedActionStages.Contact, clock.GetUtcNow());
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Keeps the ids of registered contacts, so paging by an unknown contact is a 404.</summary>
internal sealed class ContactRegisteredHandler(MessageContext context) : INotificationHandler<ContactRegistered>
{
    public ValueTask Handle(ContactRegistered notification, CancellationToken cancellationToken)
    {
        if (context.TryBegin("orders.contact-registered"))
        {
            context.Connection.Execute("INSERT OR IGNORE INTO orders_known_contacts (contact_id) VALUES (@contactId)",
                new { contactId = notification.ContactId }, context.Transaction);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>GDPR: a deleted contact's orders are deleted too, and each deletion is announced.</summary>
internal sealed class DeleteContactOrdersHandler(MessageContext context, TimeProvider clock) : INotificationHandler<ContactDeleted>
{
    public ValueTask Handle(ContactDeleted notification, CancellationToken cancellationToken)
    {
        if (!context.TryBegin("orders.delete-contact-orders"))
        {
            return ValueTask.CompletedTask;
        }

        var orderIds = context.Connection.Query<string>(
            "SELECT order_id FROM orders_orders WHERE contact_id = @contactId",
            new { contactId = notification.ContactId }, context.Transaction).ToList();
        var now = clock.GetUtcNow();
        foreach (var orderId in orderIds)
        {
            context.Connection.Execute("DELETE FROM orders_orders WHERE order_id = @orderId", new { orderId }, context.Transaction);
            context.Connection.Execute("DELETE FROM orders_actions WHERE order_id = @orderId", new { orderId }, context.Transaction);
            context.Publish(new OrderDeleted(orderId, null, notification.ContactId, "The order's contact was deleted (GDPR).", now));
        }

        context.Connection.Execute("DELETE FROM orders_known_contacts WHERE contact_id = @contactId",
            new { contactId = notification.ContactId }, context.Transaction);
        return ValueTask.CompletedTask;
    }
}
