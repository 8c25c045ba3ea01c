using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engage.Modules.Orders.Model;

// One shape for the order as it comes in and as it is stored and returned. On input, enums and
// times are read as strings so that every bad value is reported together by the validator
// (not one at a time by the JSON reader); the normaliser then writes them in canonical form.
// The read-only fields (type, contactId, versionTag, registeredAt) are accepted on input and
// ignored, so GET-modify-PUT works.

internal sealed class Order
{
    public string? OrderId { get; set; }

    public string? Type { get; set; }

    public ContactKey? Contact { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ContactId { get; set; }

    public string? Status { get; set; }

    public string? ExternalStatus { get; set; }

    public string? ExternalStoreId { get; set; }

    public string? Channel { get; set; }

    public List<string?>? References { get; set; }

    public string? CurrencyCode { get; set; }

    public string? CreatedAt { get; set; }

    public string? LastChangedAt { get; set; }

    public string? RegisteredAt { get; set; }

    public decimal? TotalPrice { get; set; }

    public LineItems? LineItems { get; set; }

    public Payments? Payments { get; set; }

    public Fees? Fees { get; set; }

    public Discounts? Discounts { get; set; }

    public List<Tax?>? Taxes { get; set; }

    public Delivery? Delivery { get; set; }

    public Address? BillingAddress { get; set; }

    public Address? ShippingAddress { get; set; }

    public EmbeddedOrderAction? OrderAction { get; set; }

    public string? VersionTag { get; set; }
}

internal sealed class ContactKey
{
    public string? MatchKeyType { get; set; }

    public string? MatchKey { get; set; }
}

internal sealed class LineItems
{
    public List<LineItem?>? Items { get; set; }

    public decimal? SubTotal { get; set; }
}

internal sealed class LineItem
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public string? ExternalStatus { get; set; }

    public decimal? Quantity { get; set; }

    public Article? Article { get; set; }

    public decimal? PricePerUnit { get; set; }

    public decimal? OriginalPricePerUnit { get; set; }

    public decimal? TotalPrice { get; set; }

    public decimal? OriginalTotalPrice { get; set; }

    public List<Discount?>? Discounts { get; set; }

    public List<Tax?>? Taxes { get; set; }

    public ReturnDetails? ReturnDetails { get; set; }

    public string? Group { get; set; }
}

internal sealed class Article
{
    public string? Sku { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? ImageUri { get; set; }

    public string? TargetUri { get; set; }
}

internal sealed class ReturnDetails
{
    public string? Type { get; set; }

    public string? Reason { get; set; }
}

internal sealed class Discount
{
    public string? Type { get; set; }

    public string? Description { get; set; }

    public decimal? Amount { get; set; }
}

internal sealed class Tax
{
    public string? Type { get; set; }

    public decimal? Percentage { get; set; }

    public decimal? Amount { get; set; }

    public string? Description { get; set; }
}

internal sealed class Payments
{
    public List<Payment?>? Items { get; set; }
}

internal sealed class Payment
{
    public string? Method { get; set; }

    public decimal? Amount { get; set; }

    public string? Reference { get; set; }
}

internal sealed class Fees
{
    public List<Fee?>? Items { get; set; }
}

internal sealed class Fee
{
    public string? Type { get; set; }

    public decimal? Amount { get; set; }

    public string? Description { get; set; }

    public List<Tax?>? Taxes { get; set; }
}

internal sealed class Discounts
{
    public List<Discount?>? Items { get; set; }
}

internal sealed class Delivery
{
    public string? Method { get; set; }

    public string? TrackingNumber { get; set; }

    public string? TrackingUri { get; set; }

    public string? DeliveryDate { get; set; }
}

internal sealed class Address
{
    public string? Title { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? CareOf { get; set; }

    public string? Street { get; set; }

    public string? ZipCode { get; set; }

    public string? City { get; set; }

    public string? Region { get; set; }

    public string? CountryCode { get; set; }

    public string? Email { get; set; }

    public string? MobilePhone { get; set; }
}

internal sealed class EmbeddedOrderAction
{
    public string? Action { get; set; }

    public string? Language { get; set; }

    public JsonElement? Data { get; set; }
}
