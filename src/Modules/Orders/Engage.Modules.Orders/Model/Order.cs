using System.ComponentModel;
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
    [Description("Required. 1–100 characters; no / ? # %, no control characters.")]
    public string? OrderId { get; set; }

    [Description("Read-only: Purchase if any line item is a Purchase, else Return. Ignored on input.")]
    public string? Type { get; set; }

    public ContactKey? Contact { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("Read-only: the connected contact, null until connected. Ignored on input.")]
    public string? ContactId { get; set; }

    [Description("Required. One of InProgress, Completed, Cancelled (case-insensitive on input).")]
    public string? Status { get; set; }

    [Description("At most 100 characters.")]
    public string? ExternalStatus { get; set; }

    [Description("At most 100 characters; checked against the store register.")]
    public string? ExternalStoreId { get; set; }

    [Description("At most 50 characters.")]
    public string? Channel { get; set; }

    [Description("At most 50 orderIds of related orders.")]
    public List<string?>? References { get; set; }

    [Description("Required. ISO 4217, upper case.")]
    public string? CurrencyCode { get; set; }

    [Description("ISO 8601 with offset; defaults to registeredAt. The offset sent is kept.")]
    public string? CreatedAt { get; set; }

    [Description("ISO 8601 with offset.")]
    public string? LastChangedAt { get; set; }

    [Description("Read-only: when the order was first stored. Ignored on input.")]
    public string? RegisteredAt { get; set; }

    [Description("Required. At most 4 decimals, absolute value below 10^12.")]
    public decimal? TotalPrice { get; set; }

    [Description("Required: 1–1000 items.")]
    public LineItems? LineItems { get; set; }

    public Payments? Payments { get; set; }

    public Fees? Fees { get; set; }

    public Discounts? Discounts { get; set; }

    public List<Tax?>? Taxes { get; set; }

    public Delivery? Delivery { get; set; }

    public Address? BillingAddress { get; set; }

    public Address? ShippingAddress { get; set; }

    [Description("Optional action to trigger once this write is processed (not stored with the order).")]
    public EmbeddedOrderAction? OrderAction { get; set; }

    [Description("Read-only: changes with every stored change; use it for If-Match and /action. Ignored on input.")]
    public string? VersionTag { get; set; }
}

internal sealed class ContactKey
{
    [Description("Required. One of Email, MobilePhone, MemberNumber, ExternalId, SocialSecurityNumber, ContactId.")]
    public string? MatchKeyType { get; set; }

    [Description("Required. 1–256 characters; an address for Email, a GUID for ContactId.")]
    public string? MatchKey { get; set; }
}

internal sealed class LineItems
{
    public List<LineItem?>? Items { get; set; }

    [Description("Optional on input (must equal the sum of the items' totalPrice); always set on output.")]
    public decimal? SubTotal { get; set; }
}

internal sealed class LineItem
{
    public string? Id { get; set; }

    [Description("Purchase (default) or Return.")]
    public string? Type { get; set; }

    public string? ExternalStatus { get; set; }

    [Description("Required, greater than 0.")]
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
    [Description("Required. One of Normal, Complaint, Change.")]
    public string? Type { get; set; }

    public string? Reason { get; set; }
}

internal sealed class Discount
{
    [Description("One of Campaign, Coupon, Loyalty, Employee, Manual, Other.")]
    public string? Type { get; set; }

    public string? Description { get; set; }

    public decimal? Amount { get; set; }
}

internal sealed class Tax
{
    [Description("Required. One of Vat, SalesTax, Other.")]
    public string? Type { get; set; }

    [Description("0–100.")]
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
    [Description("Required. One of Card, CreditCard, DebitCard, Cash, Invoice, Swish, Klarna, PayPal, GiftCard, Voucher, BankTransfer, MobilePayment, Other.")]
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
    [Description("Required. One of Shipping, Administration, Handling, Packaging, Other.")]
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

    [Description("Absolute http or https URI.")]
    public string? TrackingUri { get; set; }

    [Description("ISO 8601 with offset.")]
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

    [Description("ISO 3166-1 alpha-2.")]
    public string? CountryCode { get; set; }

    public string? Email { get; set; }

    public string? MobilePhone { get; set; }
}

internal sealed class EmbeddedOrderAction
{
    [Description("Required, 1–100 characters, e.g. ConfirmOrder, ConfirmShipment.")]
    public string? Action { get; set; }

    [Description("BCP 47 language tag, e.g. en-US.")]
    public string? Language { get; set; }

    [Description("Any JSON, at most 64 KiB.")]
    public JsonElement? Data { get; set; }
}
