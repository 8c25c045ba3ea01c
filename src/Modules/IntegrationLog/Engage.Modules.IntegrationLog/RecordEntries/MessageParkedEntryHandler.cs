using Engage.BuildingBlocks.Messaging;
using Engage.Modules.IntegrationLog.Model;
using Mediator;

namespace Engage.Modules.IntegrationLog.RecordEntries;

/// <summary>A message that failed every attempt is reported as an Error, under its order and job when known.</summary>
internal sealed class MessageParkedEntryHandler(MessageContext context) : INotificationHandler<MessageParked>
{
    public ValueTask Handle(MessageParked notification, CancellationToken cancellationToken)
    {
        if (!context.TryBegin("integration-log.record-message-parked"))
        {
            return ValueTask.CompletedTask;
        }

        LogWriter.Add(context, new NewEntry(
            $"message-parked|{notification.MessageId}",
            notification.ParkedAt,
            Severities.Error,
            "Processing failed",
            $"Processing of a {notification.MessageType} message failed {notification.Attempts} times and was stopped.",
            "Correct the cause of the error, then send in the order again or contact support.",
            notification.OrderId,
            notification.JobId,
            EntryDetails.Of(
                ("messageId", notification.MessageId),
                ("messageType", notification.MessageType),
                ("attempts", notification.Attempts),
                ("error", notification.Error))));
        return ValueTask.CompletedTask;
    }
}
