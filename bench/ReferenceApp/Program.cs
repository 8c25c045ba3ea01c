using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ReferenceApp;

// Bare Kestrel: no auth, no rate limiter, no problem details, no database. It reads the body,
// parses it into a source-generated DTO with the same shape and the same JSON rules as the
// service's Order (strict numbers, unknown and duplicate properties refused), and answers 202
// with a small JSON body like the service's. Run: dotnet ReferenceApp.dll --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, RefJson.Api));

var app = builder.Build();

app.MapPost("/api/v3/orders", async (HttpContext http) =>
{
    RefOrder? order;
    try
    {
        order = await JsonSerializer.DeserializeAsync(http.Request.Body, RefJson.Api.RefOrder, http.RequestAborted);
    }
    catch (JsonException exception)
    {
        return Results.Json(new RefError(400, exception.Message), RefJson.Api.RefError, statusCode: 400);
    }

    if (order?.OrderId is null || order.LineItems?.Items is not { Count: > 0 })
    {
        return Results.Json(new RefError(400, "orderId and lineItems.items are required"), RefJson.Api.RefError, statusCode: 400);
    }

    var jobId = Guid.CreateVersion7().ToString("N");
    return Results.Json(new RefAccepted(jobId, order.OrderId, "Create", "Pending"), RefJson.Api.RefAccepted, statusCode: 202);
});
app.MapGet("/health/live", () => Results.Text("ok"));

app.Run();

namespace ReferenceApp
{
    internal sealed record RefAccepted(string JobId, string OrderId, string Operation, string Status);

    internal sealed record RefError(int Status, string Detail);

    /// <summary>Same options as the service's EngageJson.CreateOptions().</summary>
    [JsonSerializable(typeof(RefOrder))]
    [JsonSerializable(typeof(RefAccepted))]
    [JsonSerializable(typeof(RefError))]
    internal sealed partial class RefJson : JsonSerializerContext
    {
        public static RefJson Api { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowDuplicateProperties = false,
            MaxDepth = 32,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    // The shape of the service's Order model (src/Modules/Orders/.../Model/Order.cs), copied, not referenced.
    internal sealed class RefOrder
    {
        public string? OrderId { get; set; }
        public string? Type { get; set; }
        public RefContactKey? Contact { get; set; }
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
        public RefLineItems? LineItems { get; set; }
        public RefPayments? Payments { get; set; }
        public RefFees? Fees { get; set; }
        public RefDiscounts? Discounts { get; set; }
        public List<RefTax?>? Taxes { get; set; }
        public RefDelivery? Delivery { get; set; }
        public RefAddress? BillingAddress { get; set; }
        public RefAddress? ShippingAddress { get; set; }
        public RefOrderAction? OrderAction { get; set; }
        public string? VersionTag { get; set; }
    }

    internal sealed class RefContactKey
    {
        public string? MatchKeyType { get; set; }
        public string? MatchKey { get; set; }
    }

    internal sealed class RefLineItems
    {
        public List<RefLineItem?>? Items { get; set; }
        public decimal? SubTotal { get; set; }
    }

    internal sealed class RefLineItem
    {
        public string? Id { get; set; }
        public string? Type { get; set; }
        public string? ExternalStatus { get; set; }
        public decimal? Quantity { get; set; }
        public RefArticle? Article { get; set; }
        public decimal? PricePerUnit { get; set; }
        public decimal? OriginalPricePerUnit { get; set; }
        public decimal? TotalPrice { get; set; }
        public decimal? OriginalTotalPrice { get; set; }
        public List<RefDiscount?>? Discounts { get; set; }
        public List<RefTax?>? Taxes { get; set; }
        public RefReturnDetails? ReturnDetails { get; set; }
        public string? Group { get; set; }
    }

    internal sealed class RefArticle
    {
        public string? Sku { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? ImageUri { get; set; }
        public string? TargetUri { get; set; }
    }

    internal sealed class RefReturnDetails
    {
        public string? Type { get; set; }
        public string? Reason { get; set; }
    }

    internal sealed class RefDiscount
    {
        public string? Type { get; set; }
        public string? Description { get; set; }
        public decimal? Amount { get; set; }
    }

    internal sealed class RefTax
    {
        public string? Type { get; set; }
        public decimal? Percentage { get; set; }
        public decimal? Amount { get; set; }
        public string? Description { get; set; }
    }

    internal sealed class RefPayments
    {
        public List<RefPayment?>? Items { get; set; }
    }

    internal sealed class RefPayment
    {
        public string? Method { get; set; }
        public decimal? Amount { get; set; }
        public string? Reference { get; set; }
    }

    internal sealed class RefFees
    {
        public List<RefFee?>? Items { get; set; }
    }

    internal sealed class RefFee
    {
        public string? Type { get; set; }
        public decimal? Amount { get; set; }
        public string? Description { get; set; }
        public List<RefTax?>? Taxes { get; set; }
    }

    internal sealed class RefDiscounts
    {
        public List<RefDiscount?>? Items { get; set; }
    }

    internal sealed class RefDelivery
    {
        public string? Method { get; set; }
        public string? TrackingNumber { get; set; }
        public string? TrackingUri { get; set; }
        public string? DeliveryDate { get; set; }
    }

    internal sealed class RefAddress
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

    internal sealed class RefOrderAction
    {
        public string? Action { get; set; }
        public string? Language { get; set; }
        public JsonElement? Data { get; set; }
    }
}
