using Dapper;
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

        var known = context.Connection.Query<string>(
            "SELECT sku FROM catalog_articles WHERE sku IN (SELECT value FROM json_each(@skus))",
            new { skus = System.Text.Json.JsonSerializer.Serialize(notification.Skus, CatalogJsonContext.Api.IReadOnlyListString) },
            context.Transaction).ToHashSet(StringComparer.Ordinal);
        var missingSkus = notification.Skus.Where(sku => !known.Contains(sku)).Distinct(StringComparer.Ordinal).ToList();

        string? missingStoreId = null;
        if (notification.ExternalStoreId is { } storeId
            && context.Connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM catalog_stores WHERE external_store_id = @storeId", new { storeId }, context.Transaction) == 0)
        {
            missingStoreId = storeId;
        }

        context.Publish(new OrderReferencesChecked(notification.OrderId, notification.VersionTag, missingSkus, missingStoreId, clock.GetUtcNow()));
        return ValueTask.CompletedTask;
    }
}
