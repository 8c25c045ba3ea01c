using Engage.BuildingBlocks.Messaging;
using Engage.Modules.Contacts.Contracts;
using Engage.Modules.IntegrationLog.Model;
using Mediator;

namespace Engage.Modules.IntegrationLog.RecordEntries;

/// <summary>
/// "Contact is missing" when an order's match key found no contact; an Info entry when a contact
/// registered later was connected to a waiting order. A plain successful connection logs nothing.
/// </summary>
internal sealed class ContactResolvedEntryHandler(MessageContext context) : INotificationHandler<OrderContactResolved>
{
    public ValueTask Handle(OrderContactResolved notification, CancellationToken cancellationToken)
    {
        if (!context.TryBegin("integration-log.record-contact-resolved"))
        {
            return ValueTask.CompletedTask;
        }

        if (notification.ContactId is null)
        {
            LogWriter.Add(context, new NewEntry(
                $"contact-missing|{notification.OrderId}|{notification.VersionTag}",
                notification.ResolvedAt,
                Severities.Warning,
                Texts.ContactMissing,
                Texts.ContactMissingReason,
                Texts.ContactMissingAction,
                notification.OrderId,
                JobId: null,
                EntryDetails.Of(
                    ("matchKeyType", notification.MatchKeyType),
                    ("matchKey", notification.MatchKey),
                    ("versionTag", notification.VersionTag))));
        }
        else if (notification.LateConnection)
        {
            LogWriter.Add(context, new NewEntry(
                $"contact-connected|{notification.OrderId}|{notification.VersionTag}|{notification.ContactId}",
                notification.ResolvedAt,
                Severities.Info,
                $"Order connected to contact {notification.ContactId}",
                "A contact matching the order's identifiers was registered after the order was stored.",
                ProposedAction: null,
                notification.OrderId,
                JobId: null,
                EntryDetails.Of(
                    ("matchKeyType", notification.MatchKeyType),
                    ("matchKey", notification.MatchKey),
                    ("versionTag", notification.VersionTag),
                    ("contactId", notification.ContactId))));
        }

        return ValueTask.CompletedTask;
    }
}
