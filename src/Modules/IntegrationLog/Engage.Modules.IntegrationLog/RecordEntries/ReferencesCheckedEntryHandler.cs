using Engage.BuildingBlocks.Messaging;
using Engage.Modules.Catalog.Contracts;
using Engage.Modules.IntegrationLog.Model;
using Mediator;

namespace Engage.Modules.IntegrationLog.RecordEntries;

/// <summary>One "Article is missing" per missing SKU and one "Store is missing", once per order version.</summary>
internal sealed class ReferencesCheckedEntryHandler(MessageContext context) : INotificationHandler<OrderReferencesChecked>
{
    public ValueTask Handle(OrderReferencesChecked notification, CancellationToken cancellationToken)
    {
        if (!context.TryBegin("integration-log.record-references-checked"))
        {
            return ValueTask.CompletedTask;
        }

        foreach (var sku in notification.MissingSkus)
        {
            LogWriter.Add(context, new NewEntry(
                $"article-missing|{notification.OrderId}|{notification.VersionTag}|{sku}",
                notification.CheckedAt,
                Severities.Warning,
                Texts.ArticleMissing,
                Texts.ArticleMissingReason,
                Texts.ArticleMissingAction,
                notification.OrderId,
                JobId: null,
                EntryDetails.Of(("sku", sku), ("versionTag", notification.VersionTag))));
        }

        if (notification.MissingStoreId is { } storeId)
        {
            LogWriter.Add(context, new NewEntry(
                $"store-missing|{notification.OrderId}|{notification.VersionTag}|{storeId}",
                notification.CheckedAt,
                Severities.Warning,
                Texts.StoreMissing,
                Texts.StoreMissingReason,
                Texts.StoreMissingAction,
                notification.OrderId,
                JobId: null,
                EntryDetails.Of(("externalStoreId", storeId), ("versionTag", notification.VersionTag))));
        }

        return ValueTask.CompletedTask;
    }
}
