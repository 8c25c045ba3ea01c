using System.Text.Json.Nodes;

namespace Engage.Tests.Infrastructure;

/// <summary>Orders that pass every rule, to be changed one field at a time by tests.</summary>
public static class Samples
{
    /// <summary>The documented example order, completed with every optional part the contract defines.</summary>
    public static JsonNode FullOrder(string orderId = "order-1764771379", string email = "john@example.com") => JsonNode.Parse($$"""
        {
          "orderId": "{{orderId}}",
          "contact": { "matchKey": "{{email}}", "matchKeyType": "Email" },
          "externalStoreId": "Ecom-Europe",
          "status": "InProgress",
          "externalStatus": "Picked",
          "references": [ "order-123" ],
          "currencyCode": "EUR",
          "channel": "Ecom",
          "createdAt": "2025-12-03T15:15:19+01:00",
          "lastChangedAt": "2025-12-03T15:16:19+01:00",
          "totalPrice": 1597,
          "lineItems": {
            "items": [
              {
                "id": "line-1",
                "type": "Purchase",
                "externalStatus": "Reserved",
                "quantity": 2,
                "article": {
                  "sku": "SKU-RED-42",
                  "name": "Running shoe",
                  "description": "Red, size 42",
                  "imageUri": "https://shop.example.com/img/red-42.png",
                  "targetUri": "https://shop.example.com/p/red-42"
                },
                "pricePerUnit": 649.5,
                "originalPricePerUnit": 699.5,
                "totalPrice": 1299,
                "originalTotalPrice": 1399,
                "discounts": [ { "type": "Campaign", "description": "Black week", "amount": 100 } ],
                "taxes": [ { "type": "Vat", "percentage": 25, "amount": 259.8, "description": "VAT 25%" } ],
                "group": "Shoes"
              },
              {
                "id": "line-2",
                "quantity": 1,
                "article": { "sku": "SKU-SOCK" },
                "totalPrice": 298
              }
            ],
            "subTotal": 1597
          },
          "payments": { "items": [ { "method": "Card", "amount": 1597, "reference": "psp-123" } ] },
          "fees": { "items": [ { "type": "Shipping", "amount": 49, "description": "Home delivery", "taxes": [ { "type": "Vat", "amount": 9.8 } ] } ] },
          "discounts": { "items": [ { "type": "Coupon", "description": "WELCOME10", "amount": 10 } ] },
          "taxes": [ { "type": "Vat", "percentage": 25, "amount": 319.4 } ],
          "delivery": {
            "method": "DHL",
            "trackingNumber": "1234567890",
            "trackingUri": "https://dhl.com/track/1234567890",
            "deliveryDate": "2025-12-06T15:16:19+01:00"
          },
          "billingAddress": {
            "title": "Mr", "firstName": "John", "lastName": "Doe", "careOf": "Jane Doe", "street": "Storgatan 1",
            "zipCode": "111 22", "city": "Stockholm", "region": "Stockholm", "countryCode": "SE",
            "email": "john@example.com", "mobilePhone": "+46701234567"
          },
          "shippingAddress": { "firstName": "John", "lastName": "Doe", "street": "Storgatan 1", "zipCode": "111 22", "city": "Stockholm", "countryCode": "se" }
        }
        """)!;

    /// <summary>The smallest valid order.</summary>
    public static JsonNode MinimalOrder(string orderId = "order-min", string matchKeyType = "Email", string matchKey = "min@example.com", string sku = "SKU-1") => JsonNode.Parse($$"""
        {
          "orderId": "{{orderId}}",
          "contact": { "matchKeyType": "{{matchKeyType}}", "matchKey": "{{matchKey}}" },
          "status": "InProgress",
          "currencyCode": "SEK",
          "totalPrice": 100,
          "lineItems": { "items": [ { "quantity": 1, "article": { "sku": "{{sku}}" }, "totalPrice": 100 } ] }
        }
        """)!;

    public static string NewId(string prefix = "order") => $"{prefix}-{Guid.NewGuid():N}";
}
