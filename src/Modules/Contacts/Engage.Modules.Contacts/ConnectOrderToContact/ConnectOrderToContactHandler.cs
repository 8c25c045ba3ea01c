using Engage.BuildingBlocks.Messaging;
using Engage.Modules.Contacts.Contracts;
using Engage.Modules.Contacts.Model;
using Engage.Modules.Orders.Contracts;
using Mediator;

namespace Engage.Modules.Contacts.ConnectOrderToContact;

/// <summary>
/// Stage 2, "connect contact": resolves a stored order's match key. Found: the contact is announced.
/// Not found: the answer is a null contactId (the integration log warns), and the order waits,
/// in its latest version, for a contact with that identifier to be registered.
/// </summary>
internal sealed class ConnectOrderToContactHandler(MessageContext context, TimeProvider clock) : INotificationHandler<OrderStored>
{
    public ValueTask Handle(OrderStored notification, CancellationToken cancellationToken)
    {
        if (!context.TryBegin("contacts.connect-order-to-contact"))
        {
            return ValueTask.CompletedTask;
        }

        var type = MatchKeyTypes.Canonical(notification.MatchKeyType)
            ?? throw new InvalidOperationException($"Unknown matchKeyType '{notification.MatchKeyType}'.");
        var key = MatchKeys.Normalize(type, notification.MatchKey);
        var contactId = key is null
            ? null
            : context.Scalar($"SELECT contact_id FROM contacts_contacts WHERE {MatchKeyTypes.Column(type)} = $key", ("$key", key)) as string;

        if (contactId is null)
        {
            context.Execute(
                """
                INSERT INTO contacts_waiting_orders (order_id, version_tag, match_key_type, match_key, lookup_key, waiting_since)
                VALUES ($orderId, $versionTag, $type, $matchKey, $lookupKey, $now)
                ON CONFLICT (order_id) DO UPDATE SET
                    version_tag = excluded.version_tag, match_key_type = excluded.match_key_type,
                    match_key = excluded.match_key, lookup_key = excluded.lookup_key, waiting_since = excluded.waiting_since
                """,
                ("$orderId", notification.OrderId),
                ("$versionTag", notification.VersionTag),
                ("$type", type),
                ("$matchKey", notification.MatchKey),
                ("$lookupKey", key ?? notification.MatchKey),
                ("$now", Times.Format(clock.GetUtcNow())));
        }
        else
        {
            context.Execute("DELETE FROM contacts_waiting_orders WHERE order_id = $orderId", ("$orderId", notification.OrderId));
            context.Execute(ResolvedKeys.RememberSql, ("$contactId", contactId), ("$matchKey", notification.MatchKey));
        }

        context.Publish(new OrderContactResolved(
            notification.OrderId,
            notification.VersionTag,
            notification.MatchKeyType,
            notification.MatchKey,
            contactId,
            LateConnection: false,
            clock.GetUtcNow()));
        return ValueTask.CompletedTask;
    }
}

/// <summary>A deleted order no longer waits for its contact.</summary>
internal sealed class ForgetDeletedOrderHandler(MessageContext context) : INotificationHandler<OrderDeleted>
{
    public ValueTask Handle(OrderDeleted notification, CancellationToken cancellationToken)
    {
        if (!context.TryBegin("contacts.forget-deleted-order"))
        {
            return ValueTask.CompletedTask;
        }

        context.Execute("DELETE FROM contacts_waiting_orders WHERE order_id = $orderId", ("$orderId", notification.OrderId));
        return ValueTask.CompletedTask;
    }
}
