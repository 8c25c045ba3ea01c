using Engage.BuildingBlocks.Messaging;
using Engage.Modules.Catalog.Contracts;
using Engage.Modules.Orders.Contracts;
using Mediator;

namespace Engage.Modules.Catalog.CheckOrderReferences;

/// <summary>
/// Stage 3, "check references": every SKU of the stored version against the article register, and
/// its externalStoreId (when given) against the store register. The answer is always published,
/// also when nothing is missing, so later stages know the check is done for this version.
/// </summary>
internal sealed class CheckOrderReferencesHandler(MessageContext context, TimeProvider clock) : INotificationHandler<OrderStored>
{
    public ValueTask Handle(OrderStored notification, CancellationToken cancellationToken)
    {
        if (!context.TryBegin("catalog.check-order-references"))
        {
            return ValueTask.CompletedTask;
        }

        // One indexed lookup per distinct SKU, each a prepared statement (an order has few lines).
        var missingSkus = new List<string>();
        foreach (var sku in notification.Skus)
        {
            if (!missingSkus.Contains(sku, StringComparer.Ordinal)
                && context.Scalar("SELECT 1 FROM catalog_articles WHERE sku = $sku", ("$sku", sku)) is null)
            {
                missingSkus.Add(sku);
            }
        }

        string? missingStoreId = null;
        if (notification.ExternalStoreId is { } storeId
            && context.Scalar("SELECT 1 FROM catalog_stores WHERE external_store_id = $storeId", ("$storeId", storeId)) is null)
        {
            missingStoreId = storeId;
        }

        context.Publish(new OrderReferencesChecked(notification.OrderId, notification.VersionTag, missingSkus, missingStoreId, clock.GetUtcNow()));
        return ValueTask.CompletedTask;
    }
}
