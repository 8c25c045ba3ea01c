using Engage.BuildingBlocks.Codes;

namespace Engage.Modules.Orders.Model;

/// <summary>
/// Every rule of <see cref="OrderValidator"/> as one pass of plain code that only answers "does the
/// order break no rule at all?". The validator asks it first: when it says yes, FluentValidation
/// would find nothing, and the order is valid without building a validation context for each of
/// the order's nested objects; when it says no, FluentValidation runs every rule and reports
/// each failure at its path, as it always has.
/// </summary>
/// <remarks>
/// Why: under a full-speed burst, validating the benchmark order with FluentValidation took 35–50 µs
/// of the 105–165 µs of CPU a request cost (17 validation contexts and about 15 KB of garbage per
/// order), and skipping it raised the accept-only rate by a fifth to a half (bench/HISTORY.md, tenth
/// session). This check allocates only for more than 16 line items and for an orderAction's data.
/// <para>
/// It must never say yes where a rule fails: that would let an invalid order through. The
/// validator stays the definition (and the only source of messages); <c>ValidOrderCheckTests</c>
/// compares the two on every violation of the validation tests and on thousands of mutations of
/// valid orders, so a rule added to the validator and not here fails the build's tests.
/// </para>
/// </remarks>
internal static class ValidOrderCheck
{
    public static bool Passes(Order order) =>
        Rules.IsOrderId(order.OrderId)
        && order.Contact is { } contact && Passes(contact)
        && Enums.Canonical(Enums.OrderStatuses, order.Status) is not null
        && AtMost(order.ExternalStatus, 100)
        && AtMost(order.ExternalStoreId, 100) && Rules.IsNotBlank(order.ExternalStoreId)
        && AtMost(order.Channel, 50)
        && ReferencesPass(order.References)
        && order.CurrencyCode is { } currency && IsoCodes.Currencies.Contains(currency)
        && Rules.IsDateTimeWithOffset(order.CreatedAt)
        && Rules.IsDateTimeWithOffset(order.LastChangedAt)
        && order.TotalPrice is not null && Rules.IsMoney(order.TotalPrice)
        && order.LineItems is { } lineItems && Passes(lineItems)
        && (order.Payments is null || (order.Payments.Items is { } payments && All(payments, Passes)))
        && (order.Fees is null || (order.Fees.Items is { } fees && All(fees, Passes)))
        && (order.Discounts is null || (order.Discounts.Items is { } discounts && All(discounts, Passes)))
        && (order.Taxes is null || All(order.Taxes, Passes))
        && (order.Delivery is null || Passes(order.Delivery))
        && (order.BillingAddress is null || Passes(order.BillingAddress))
        && (order.ShippingAddress is null || Passes(order.ShippingAddress))
        && (order.OrderAction is null || Passes(order.OrderAction));

    private static bool Passes(ContactKey contact)
    {
        var type = Enums.Canonical(Enums.MatchKeyTypes, contact.MatchKeyType);
        return type is not null
            && contact.MatchKey is { } key && !string.IsNullOrWhiteSpace(key) && key.Length <= 256
            && (type != "Email" || Rules.IsEmail(key))
            && (type != "ContactId" || Rules.IsGuid(key));
    }

    private static bool ReferencesPass(List<string?>? references)
    {
        if (references is null)
        {
            return true;
        }

        if (references.Count > 50)
        {
            return false;
        }

        foreach (var reference in references)
        {
            if (!Rules.IsOrderId(reference))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Passes(LineItems lineItems)
    {
        if (lineItems.Items is not { Count: >= 1 and <= 1000 } items || !All(items, Passes) || !Rules.IsMoney(lineItems.SubTotal))
        {
            return false;
        }

        // Every item passed, so every total is valid money and the sum cannot overflow.
        if (lineItems.SubTotal is { } subTotal)
        {
            var sum = 0m;
            foreach (var item in items)
            {
                sum += item!.TotalPrice!.Value;
            }

            if (subTotal != sum)
            {
                return false;
            }
        }

        return IdsAreUnique(items);
    }

    private static bool IdsAreUnique(List<LineItem?> items)
    {
        if (items.Count <= 16)
        {
            for (var i = 1; i < items.Count; i++)
            {
                if (items[i]!.Id is not { } id)
                {
                    continue;
                }

                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(items[j]!.Id, id, StringComparison.Ordinal))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item!.Id is { } id && !seen.Add(id))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Passes(LineItem item) =>
        AtMost(item.Id, 100) && Rules.IsNotBlank(item.Id)
        && (item.Type is null || Enums.Canonical(Enums.LineItemTypes, item.Type) is not null)
        && AtMost(item.ExternalStatus, 100)
        && item.Quantity is { } quantity && quantity > 0m && Rules.IsMoney(quantity)
        && item.Article is { } article && Passes(article)
        && Rules.IsMoney(item.PricePerUnit)
        && Rules.IsMoney(item.OriginalPricePerUnit)
        && item.TotalPrice is not null && Rules.IsMoney(item.TotalPrice)
        && Rules.IsMoney(item.OriginalTotalPrice)
        && (item.Discounts is null || All(item.Discounts, Passes))
        && (item.Taxes is null || All(item.Taxes, Passes))
        && (item.ReturnDetails is null || Passes(item.ReturnDetails))
        && AtMost(item.Group, 100);

    private static bool Passes(Article article) =>
        article.Sku is { } sku && !string.IsNullOrWhiteSpace(sku) && sku.Length <= 100
        && AtMost(article.Name, 255)
        && AtMost(article.Description, 2000)
        && Rules.IsHttpUri(article.ImageUri)
        && Rules.IsHttpUri(article.TargetUri);

    private static bool Passes(ReturnDetails details) =>
        Enums.Canonical(Enums.ReturnTypes, details.Type) is not null
        && AtMost(details.Reason, 255);

    private static bool Passes(Discount discount) =>
        (discount.Type is null || Enums.Canonical(Enums.DiscountTypes, discount.Type) is not null)
        && AtMost(discount.Description, 255)
        && discount.Amount is not null && Rules.IsMoney(discount.Amount);

    private static bool Passes(Tax tax) =>
        Enums.Canonical(Enums.TaxTypes, tax.Type) is not null
        && (tax.Percentage is not { } percentage || (percentage >= 0m && percentage <= 100m && Rules.IsMoney(percentage)))
        && tax.Amount is not null && Rules.IsMoney(tax.Amount)
        && AtMost(tax.Description, 255);

    private static bool Passes(Payment payment) =>
        Enums.Canonical(Enums.PaymentMethods, payment.Method) is not null
        && payment.Amount is not null && Rules.IsMoney(payment.Amount)
        && AtMost(payment.Reference, 100);

    private static bool Passes(Fee fee) =>
        Enums.Canonical(Enums.FeeTypes, fee.Type) is not null
        && fee.Amount is not null && Rules.IsMoney(fee.Amount)
        && AtMost(fee.Description, 255)
        && (fee.Taxes is null || All(fee.Taxes, Passes));

    private static bool Passes(Delivery delivery) =>
        AtMost(delivery.Method, 100)
        && AtMost(delivery.TrackingNumber, 100)
        && Rules.IsHttpUri(delivery.TrackingUri)
        && Rules.IsDateTimeWithOffset(delivery.DeliveryDate);

    private static bool Passes(Address address) =>
        AtMost(address.Title, 255)
        && AtMost(address.FirstName, 255)
        && AtMost(address.LastName, 255)
        && AtMost(address.CareOf, 255)
        && AtMost(address.Street, 255)
        && AtMost(address.ZipCode, 255)
        && AtMost(address.City, 255)
        && AtMost(address.Region, 255)
        && (address.CountryCode is null || IsoCodes.IsCountry(address.CountryCode))
        && AtMost(address.Email, 255) && Rules.IsEmail(address.Email)
        && AtMost(address.MobilePhone, 255);

    private static bool Passes(EmbeddedOrderAction action) =>
        action.Action is { } name && !string.IsNullOrWhiteSpace(name) && name.Length <= 100
        && Rules.IsLanguageTag(action.Language)
        && (action.Data is not { } data || System.Text.Encoding.UTF8.GetByteCount(data.GetRawText()) <= EmbeddedOrderActionValidator.MaxDataBytes);

    /// <summary>FluentValidation's MaximumLength: a null passes, otherwise at most <paramref name="max"/> UTF-16 code units.</summary>
    private static bool AtMost(string? value, int max) => value is null || value.Length <= max;

    /// <summary>Every item is present and passes (RuleForEach with NotNull and the item's validator).</summary>
    private static bool All<T>(List<T?> items, Func<T, bool> passes)
        where T : class
    {
        foreach (var item in items)
        {
            if (item is null || !passes(item))
            {
                return false;
            }
        }

        return true;
    }
}
