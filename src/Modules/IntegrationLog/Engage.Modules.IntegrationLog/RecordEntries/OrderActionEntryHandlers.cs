using Engage.BuildingBlocks.Messaging;
using Engage.Modules.IntegrationLog.Model;
using Engage.Modules.Orders.Contracts;
using Mediator;

namespace Engage.Modules.IntegrationLog.RecordEntries;

/// <summary>Info "Order action triggered", once per action.</summary>
internal sealed class OrderActionTriggeredEntryHandler(MessageContext context) : INotificationHandler<OrderActionTriggered>
{
    public ValueTask Handle(OrderActionTriggered notification, CancellationToken cancellationToken)
    {
        if (!context.TryBegin("integration-log.record-order-action-triggered"))
        {
            return ValueTask.CompletedTask;
        }

        LogWriter.Add(context, new NewEntry(
            $"action-triggered|{notification.ActionId}",
            notification.TriggeredAt,
            Severities.Info,
            "Order action triggered",
            $"The order action '{notification.Action}' was triggered ({notification.Source}).",
            ProposedAction: null,
            notification.OrderId,
            notification.JobId,
            EntryDetails.Of(
                ("action", notification.Action),
                ("actionId", notification.ActionId),
                ("versionTag", notification.VersionTag),
                ("source", notification.Source))));
        return ValueTask.CompletedTask;
    }
}

/// <summary>Warning "Order action not triggered", with the reason, once per order version and action.</summary>
internal sealed class OrderActionNotTriggeredEntryHandler(MessageContext context) : INotificationHandler<OrderActionNotTriggered>
{
    public ValueTask Handle(OrderActionNotTriggered notification, CancellationToken cancellationToken)
    {
        if (!context.TryBegin("integration-log.record-order-action-not-triggered"))
        {
            return ValueTask.CompletedTask;
        }

        LogWriter.Add(context, new NewEntry(
            $"action-not-triggered|{notification.OrderId}|{notification.VersionTag}|{notification.Action}",
            notification.At,
            Severities.Warning,
            "Order action not triggered",
            notification.Reason,
            "Connect the order to a contact (register the contact), then trigger the action with /action.",
            notification.OrderId,
            notification.JobId,
            EntryDetails.Of(("action", notification.Action), ("versionTag", notification.VersionTag))));
        return ValueTask.CompletedTask;
    }
}
