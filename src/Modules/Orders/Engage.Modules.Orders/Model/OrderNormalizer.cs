namespace Engage.Modules.Orders.Model;

/// <summary>
/// Rewrites a validated order in canonical form: enums in their PascalCase spelling, times in
/// round-trip form with the client's offset kept, defaults filled, read-only input dropped.
/// </summary>
internal static class OrderNormalizer
{
    public static Order Normalize(Order order)
    {
        order.Type = null;
        order.ContactId = null;
        order.VersionTag = null;
        order.RegisteredAt = null;
        order.Contact!.MatchKeyType = Enums.Canonical(Enums.MatchKeyTypes, order.Contact.MatchKeyType);
        order.Status = Enums.Canonical(Enums.OrderStatuses, order.Status);
        order.CreatedAt = Rules.NormalizeDateTime(order.CreatedAt);
        order.LastChangedAt = Rules.NormalizeDateTime(order.LastChangedAt);
        foreach (var item in order.LineItems!.Items!)
        {
            item!.Type = Enums.Canonical(Enums.LineItemTypes, item.Type) ?? "Purchase";
            if (item.ReturnDetails is { } details)
            {
                details.Type = Enums.Canonical(Enums.ReturnTypes, details.Type);
            }

            NormalizeDiscounts(item.Discounts);
            NormalizeTaxes(item.Taxes);
        }

        foreach (var payment in order.Payments?.Items ?? [])
        {
            payment!.Method = Enums.Canonical(Enums.PaymentMethods, payment.Method);
        }

        foreach (var fee in order.Fees?.Items ?? [])
        {
            fee!.Type = Enums.Canonical(Enums.FeeTypes, fee.Type);
            NormalizeTaxes(fee.Taxes);
        }

        NormalizeDiscounts(order.Discounts?.Items);
        NormalizeTaxes(order.Taxes);
        if (order.Delivery is { } delivery)
        {
            NormalizeDelivery(delivery);
        }

        NormalizeAddress(order.BillingAddress);
        NormalizeAddress(order.ShippingAddress);
        return order;
    }

    public static void NormalizeDelivery(Delivery delivery) => delivery.DeliveryDate = Rules.NormalizeDateTime(delivery.DeliveryDate);

    /// <summary>The read-only fields computed when a version is stored.</summary>
    public static void Complete(Order order, string versionTag, string registeredAt, string? contactId)
    {
        var items = order.LineItems!.Items!;
        order.Type = items.Any(i => i!.Type == "Purchase") ? "Purchase" : "Return";
        order.LineItems.SubTotal = items.Sum(i => i!.TotalPrice ?? 0m);
        order.VersionTag = versionTag;
        order.RegisteredAt = registeredAt;
        order.CreatedAt ??= registeredAt;
        order.ContactId = contactId;
    }

    private static void NormalizeDiscounts(List<Discount?>? discounts)
    {
        foreach (var discount in discounts ?? [])
        {
            discount!.Type = Enums.Canonical(Enums.DiscountTypes, discount.Type);
        }
    }

    private static void NormalizeTaxes(List<Tax?>? taxes)
    {
        foreach (var tax in taxes ?? [])
        {
            tax!.Type = Enums.Canonical(Enums.TaxTypes, tax.Type);
        }
    }

    private static void NormalizeAddress(Address? address)
    {
        if (address?.CountryCode is { } country)
        {
            address.CountryCode = country.ToUpperInvariant();
        }
    }
}
