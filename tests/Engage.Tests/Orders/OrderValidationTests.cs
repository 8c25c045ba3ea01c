using System.Net;
using System.Text.Json.Nodes;
using Engage.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace Engage.Tests.Orders;

/// <summary>Every rule of the contract's "Order (input)" table, each reported at its JSON path.</summary>
public sealed class OrderValidationTests : IClassFixture<OrderValidationTests.Host>
{
    private readonly HttpClient client;

    public OrderValidationTests(Host host) => client = host.App.Client();

    public sealed class Host : IDisposable
    {
        public EngageApp App { get; } = new(new Dictionary<string, string?> { ["Engage:Outbox:Enabled"] = "false" });

        public void Dispose() => App.Dispose();
    }

    private static string Repeat(int count) => new('x', count);

    public static TheoryData<string, string, string> Violations() => new()
    {
        // description, JSON-path assignment (path=value in JSON), expected error path
        { "orderId missing", "orderId=null", "orderId" },
        { "orderId empty", "orderId=\"\"", "orderId" },
        { "orderId blank", "orderId=\"   \"", "orderId" },
        { "orderId too long", $"orderId=\"{Repeat(101)}\"", "orderId" },
        { "orderId with slash", "orderId=\"a/b\"", "orderId" },
        { "orderId with question mark", "orderId=\"a?b\"", "orderId" },
        { "orderId with hash", "orderId=\"a#b\"", "orderId" },
        { "orderId with percent", "orderId=\"a%b\"", "orderId" },
        { "orderId with control character", "orderId=\"a\\u0001b\"", "orderId" },
        { "contact missing", "contact=null", "contact" },
        { "matchKeyType missing", "contact.matchKeyType=null", "contact.matchKeyType" },
        { "matchKeyType unknown", "contact.matchKeyType=\"Fax\"", "contact.matchKeyType" },
        { "matchKey missing", "contact.matchKey=null", "contact.matchKey" },
        { "matchKey too long", $"contact.matchKey=\"{Repeat(257)}@example.com\"", "contact.matchKey" },
        { "matchKey not an email for Email", "contact.matchKey=\"not-an-email\"", "contact.matchKey" },
        { "status missing", "status=null", "status" },
        { "status unknown", "status=\"Shipped\"", "status" },
        { "externalStatus too long", $"externalStatus=\"{Repeat(101)}\"", "externalStatus" },
        { "externalStoreId too long", $"externalStoreId=\"{Repeat(101)}\"", "externalStoreId" },
        { "channel too long", $"channel=\"{Repeat(51)}\"", "channel" },
        { "reference invalid", "references=[\"ok\",\"a/b\"]", "references[1]" },
        { "too many references", "references=" + new JsonArray(Enumerable.Range(0, 51).Select(i => (JsonNode)JsonValue.Create($"r{i}")!).ToArray()).ToJsonString(), "references" },
        { "currencyCode missing", "currencyCode=null", "currencyCode" },
        { "currencyCode lower case", "currencyCode=\"eur\"", "currencyCode" },
        { "currencyCode not ISO 4217", "currencyCode=\"ABC\"", "currencyCode" },
        { "createdAt without offset", "createdAt=\"2025-12-03T15:15:19\"", "createdAt" },
        { "createdAt not a date", "createdAt=\"yesterday\"", "createdAt" },
        { "lastChangedAt without offset", "lastChangedAt=\"2025-12-03T15:16:19\"", "lastChangedAt" },
        { "totalPrice missing", "totalPrice=null", "totalPrice" },
        { "totalPrice 5 decimals", "totalPrice=1.00001", "totalPrice" },
        { "totalPrice too large", "totalPrice=1000000000000", "totalPrice" },
        { "lineItems missing", "lineItems=null", "lineItems" },
        { "lineItems.items missing", "lineItems.items=null", "lineItems.items" },
        { "lineItems.items empty", "lineItems.items=[]", "lineItems.items" },
        { "subTotal not the sum", "lineItems.subTotal=1", "lineItems.subTotal" },
        { "line totals too large to add up", "lineItems.items=[{\"quantity\":1,\"article\":{\"sku\":\"A\"},\"totalPrice\":70000000000000000000000000000},{\"quantity\":1,\"article\":{\"sku\":\"B\"},\"totalPrice\":70000000000000000000000000000}]", "lineItems.items[1].totalPrice" },
        { "line item null", "lineItems.items[1]=null", "lineItems.items[1]" },
        { "line item id too long", $"lineItems.items[0].id=\"{Repeat(101)}\"", "lineItems.items[0].id" },
        { "line item ids not unique", "lineItems.items[1].id=\"line-1\"", "lineItems.items[1].id" },
        { "line item type unknown", "lineItems.items[0].type=\"Rental\"", "lineItems.items[0].type" },
        { "line item externalStatus too long", $"lineItems.items[0].externalStatus=\"{Repeat(101)}\"", "lineItems.items[0].externalStatus" },
        { "quantity missing", "lineItems.items[0].quantity=null", "lineItems.items[0].quantity" },
        { "quantity zero", "lineItems.items[0].quantity=0", "lineItems.items[0].quantity" },
        { "quantity negative", "lineItems.items[0].quantity=-1", "lineItems.items[0].quantity" },
        { "article missing", "lineItems.items[0].article=null", "lineItems.items[0].article" },
        { "sku missing", "lineItems.items[0].article.sku=null", "lineItems.items[0].article.sku" },
        { "sku too long", $"lineItems.items[0].article.sku=\"{Repeat(101)}\"", "lineItems.items[0].article.sku" },
        { "article name too long", $"lineItems.items[0].article.name=\"{Repeat(256)}\"", "lineItems.items[0].article.name" },
        { "article description too long", $"lineItems.items[0].article.description=\"{Repeat(2001)}\"", "lineItems.items[0].article.description" },
        { "article imageUri relative", "lineItems.items[0].article.imageUri=\"/img.png\"", "lineItems.items[0].article.imageUri" },
        { "article targetUri not http", "lineItems.items[0].article.targetUri=\"ftp://x.example/p\"", "lineItems.items[0].article.targetUri" },
        { "pricePerUnit 5 decimals", "lineItems.items[0].pricePerUnit=1.23456", "lineItems.items[0].pricePerUnit" },
        { "originalPricePerUnit too large", "lineItems.items[0].originalPricePerUnit=-1000000000000", "lineItems.items[0].originalPricePerUnit" },
        { "line totalPrice missing", "lineItems.items[1].totalPrice=null", "lineItems.items[1].totalPrice" },
        { "originalTotalPrice 5 decimals", "lineItems.items[0].originalTotalPrice=0.00001", "lineItems.items[0].originalTotalPrice" },
        { "line discount amount missing", "lineItems.items[0].discounts[0].amount=null", "lineItems.items[0].discounts[0].amount" },
        { "line discount type unknown", "lineItems.items[0].discounts[0].type=\"Gift\"", "lineItems.items[0].discounts[0].type" },
        { "line discount description too long", $"lineItems.items[0].discounts[0].description=\"{Repeat(256)}\"", "lineItems.items[0].discounts[0].description" },
        { "line tax type missing", "lineItems.items[0].taxes[0].type=null", "lineItems.items[0].taxes[0].type" },
        { "line tax percentage over 100", "lineItems.items[0].taxes[0].percentage=101", "lineItems.items[0].taxes[0].percentage" },
        { "line tax amount missing", "lineItems.items[0].taxes[0].amount=null", "lineItems.items[0].taxes[0].amount" },
        { "returnDetails type missing", "lineItems.items[0].returnDetails={\"reason\":\"too small\"}", "lineItems.items[0].returnDetails.type" },
        { "returnDetails type unknown", "lineItems.items[0].returnDetails={\"type\":\"Refund\"}", "lineItems.items[0].returnDetails.type" },
        { "returnDetails reason too long", $"lineItems.items[0].returnDetails={{\"type\":\"Normal\",\"reason\":\"{Repeat(256)}\"}}", "lineItems.items[0].returnDetails.reason" },
        { "group too long", $"lineItems.items[0].group=\"{Repeat(101)}\"", "lineItems.items[0].group" },
        { "payments without items", "payments={}", "payments.items" },
        { "payment method missing", "payments.items[0].method=null", "payments.items[0].method" },
        { "payment method unknown", "payments.items[0].method=\"Bitcoin\"", "payments.items[0].method" },
        { "payment amount missing", "payments.items[0].amount=null", "payments.items[0].amount" },
        { "payment reference too long", $"payments.items[0].reference=\"{Repeat(101)}\"", "payments.items[0].reference" },
        { "fee type missing", "fees.items[0].type=null", "fees.items[0].type" },
        { "fee type unknown", "fees.items[0].type=\"Tip\"", "fees.items[0].type" },
        { "fee amount missing", "fees.items[0].amount=null", "fees.items[0].amount" },
        { "fee description too long", $"fees.items[0].description=\"{Repeat(256)}\"", "fees.items[0].description" },
        { "fee tax type unknown", "fees.items[0].taxes[0].type=\"Duty\"", "fees.items[0].taxes[0].type" },
        { "order discount amount missing", "discounts.items[0].amount=null", "discounts.items[0].amount" },
        { "order tax type missing", "taxes[0].type=null", "taxes[0].type" },
        { "order tax percentage negative", "taxes[0].percentage=-1", "taxes[0].percentage" },
        { "delivery method too long", $"delivery.method=\"{Repeat(101)}\"", "delivery.method" },
        { "delivery trackingNumber too long", $"delivery.trackingNumber=\"{Repeat(101)}\"", "delivery.trackingNumber" },
        { "delivery trackingUri relative", "delivery.trackingUri=\"track/1\"", "delivery.trackingUri" },
        { "delivery date without offset", "delivery.deliveryDate=\"2025-12-06\"", "delivery.deliveryDate" },
        { "billing firstName too long", $"billingAddress.firstName=\"{Repeat(256)}\"", "billingAddress.firstName" },
        { "billing street too long", $"billingAddress.street=\"{Repeat(256)}\"", "billingAddress.street" },
        { "billing countryCode unknown", "billingAddress.countryCode=\"XX\"", "billingAddress.countryCode" },
        { "billing email invalid", "billingAddress.email=\"john@\"", "billingAddress.email" },
        { "shipping city too long", $"shippingAddress.city=\"{Repeat(256)}\"", "shippingAddress.city" },
        { "orderAction without action", "orderAction={\"language\":\"en-US\"}", "orderAction.action" },
        { "orderAction action too long", $"orderAction={{\"action\":\"{Repeat(101)}\"}}", "orderAction.action" },
        { "orderAction language not BCP 47", "orderAction={\"action\":\"ConfirmOrder\",\"language\":\"en_US!\"}", "orderAction.language" },
        { "orderAction data over 64 KiB", $"orderAction={{\"action\":\"ConfirmOrder\",\"data\":{{\"blob\":\"{Repeat(65 * 1024)}\"}}}}", "orderAction.data" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Each_rule_is_a_400_at_its_json_path(string description, string assignment, string expectedPath)
    {
        var order = Samples.FullOrder(Samples.NewId());
        Mutate(order, assignment);

        var response = await client.PostJson("/api/v3/orders", order);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{description}: expected 400, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Body();
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(expectedPath), $"{description}: expected an error at '{expectedPath}', got {errors.ToJsonString()}");
        Assert.NotEmpty(errors[expectedPath]!.AsArray());
    }

    /// <summary>
    /// The complete answer to each violation above, paths and messages, in one reviewed snapshot:
    /// how the validators are composed may change, what a client reads may not.
    /// </summary>
    [Fact]
    public async Task Each_violation_s_complete_errors_are_as_reviewed()
    {
        var answers = new JsonObject();
        foreach (var row in Violations())
        {
            var (description, assignment) = ((string)row[0], (string)row[1]);
            var order = Samples.FullOrder("golden-order");
            Mutate(order, assignment);
            var problem = await (await client.PostJson("/api/v3/orders", order)).Body();
            answers[description] = problem["errors"]!.DeepClone();
        }

        Snapshot.Match(Newtonsoft.Json.Linq.JToken.Parse(answers.ToJsonString()));
    }

    [Fact]
    public async Task Every_error_is_reported_at_once()
    {
        var order = Samples.FullOrder();
        Mutate(order, "orderId=\"\"");
        Mutate(order, "status=\"Nope\"");
        Mutate(order, "currencyCode=\"eur\"");
        Mutate(order, "lineItems.items[0].article.sku=null");
        Mutate(order, "lineItems.items[1].quantity=0");
        Mutate(order, "payments.items[0].method=\"Gold\"");

        var problem = await (await client.PostJson("/api/v3/orders", order)).Body();

        var paths = problem["errors"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("orderId", paths);
        Assert.Contains("status", paths);
        Assert.Contains("currencyCode", paths);
        Assert.Contains("lineItems.items[0].article.sku", paths);
        Assert.Contains("lineItems.items[1].quantity", paths);
        Assert.Contains("payments.items[0].method", paths);
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["traceId"]?.GetValue<string>()));
        Assert.Equal("/api/v3/orders", problem["instance"].Text());
    }

    [Fact]
    public async Task A_line_item_count_over_1000_is_refused()
    {
        var order = Samples.MinimalOrder(Samples.NewId());
        var items = new JsonArray();
        for (var i = 0; i < 1001; i++)
        {
            items.Add(JsonNode.Parse("""{ "quantity": 1, "article": { "sku": "S" }, "totalPrice": 0 }"""));
        }

        order["lineItems"]!["items"] = items;
        order["totalPrice"] = 0;
        var problem = await (await client.PostJson("/api/v3/orders", order)).Body();
        Assert.True(problem["errors"]!.AsObject().ContainsKey("lineItems.items"));
    }

    [Theory]
    [InlineData("Email", "someone@example.com")]
    [InlineData("MobilePhone", "+46701234567")]
    [InlineData("MemberNumber", "M-1")]
    [InlineData("ExternalId", "ext-1")]
    [InlineData("SocialSecurityNumber", "19800101-1234")]
    [InlineData("ContactId", "5b1f8f5e-4f55-4d2c-9e6c-1c2b3a4d5e6f")]
    [InlineData("email", "someone@example.com")]
    [InlineData("CONTACTID", "5b1f8f5e-4f55-4d2c-9e6c-1c2b3a4d5e6f")]
    public async Task Every_match_key_type_is_accepted_case_insensitively(string type, string key)
    {
        var response = await client.PostJson("/api/v3/orders", Samples.MinimalOrder(Samples.NewId(), type, key));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_contact_id_match_key_must_be_a_guid()
    {
        var response = await client.PostJson("/api/v3/orders", Samples.MinimalOrder(Samples.NewId(), "ContactId", "not-a-guid"));
        var problem = await response.Body();
        Assert.True(problem["errors"]!.AsObject().ContainsKey("contact.matchKey"));
    }

    [Fact]
    public async Task Property_names_and_enum_values_match_case_insensitively()
    {
        var json = """
            { "ORDERID": "{id}", "Contact": { "MatchKeyType": "EMAIL", "matchkey": "a@example.com" }, "status": "completed",
              "currencycode": "EUR", "TotalPrice": 5, "lineitems": { "Items": [ { "Quantity": 1, "Article": { "SKU": "A" }, "totalprice": 5, "type": "return" } ] } }
            """.Replace("{id}", Samples.NewId());
        var response = await client.PostJson("/api/v3/orders", json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task The_read_only_fields_of_an_order_are_accepted_and_ignored()
    {
        var order = Samples.MinimalOrder(Samples.NewId());
        order["type"] = "Return";
        order["contactId"] = "5b1f8f5e-4f55-4d2c-9e6c-1c2b3a4d5e6f";
        order["versionTag"] = "whatever";
        order["registeredAt"] = "2020-01-01T00:00:00+00:00";
        var response = await client.PostJson("/api/v3/orders", order);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("{ \"unknownField\": 1 }", "unknownField")]
    [InlineData("{ \"lineItems\": { \"items\": [ { \"article\": { \"sku\": \"A\", \"colour\": \"red\" } } ] } }", "lineItems.items[0].article.colour")]
    [InlineData("{ \"contact\": { \"matchKeyType\": \"Email\", \"matchKey\": \"a@b.se\", \"phone\": \"1\" } }", "contact.phone")]
    public async Task An_unknown_property_is_a_400_naming_it(string json, string expectedPath)
    {
        var response = await client.PostJson("/api/v3/orders", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Body())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(expectedPath), errors.ToJsonString());
        Assert.Contains(expectedPath.Split('.').Last(), errors[expectedPath]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{ \"orderId\": 42 }", "orderId")]
    [InlineData("{ \"totalPrice\": \"100\" }", "totalPrice")]
    [InlineData("{ \"lineItems\": { \"items\": {} } }", "lineItems.items")]
    [InlineData("{ \"references\": \"order-1\" }", "references")]
    [InlineData("{ \"lineItems\": { \"items\": [ { \"quantity\": true } ] } }", "lineItems.items[0].quantity")]
    public async Task A_wrong_json_type_is_a_400_at_its_path(string json, string expectedPath)
    {
        var response = await client.PostJson("/api/v3/orders", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Body())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(expectedPath), errors.ToJsonString());
    }

    [Theory]
    [InlineData("{ \"orderId\": ")]
    [InlineData("not json at all")]
    [InlineData("{ \"orderId\": \"a\", }")]
    [InlineData("[1, 2, 3]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400_problem_not_a_500(string body)
    {
        var response = await client.PostJson("/api/v3/orders", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(400, (await response.Body())["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_duplicate_property_is_a_400()
    {
        var response = await client.PostJson("/api/v3/orders", "{ \"orderId\": \"a\", \"orderId\": \"b\" }");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Json_nested_too_deep_is_a_400()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"data\":", 200)) + "1" + new string('}', 200);
        var response = await client.PostJson("/api/v3/orders", $"{{ \"orderAction\": {{ \"action\": \"A\", \"data\": {deep} }} }}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_413()
    {
        var order = Samples.MinimalOrder(Samples.NewId());
        order["externalStatus"] = new string('x', 1024 * 1024);
        var response = await client.PostJson("/api/v3/orders", order);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=latin1")]
    public async Task A_missing_or_non_json_content_type_is_415(string? contentType)
    {
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Samples.MinimalOrder(Samples.NewId()).ToJsonString()));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var response = await client.PostAsync("/api/v3/orders", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_json_content_type_with_a_suffix_or_charset_is_accepted()
    {
        var content = new StringContent(Samples.MinimalOrder(Samples.NewId()).ToJsonString());
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/vnd.engage+json; charset=utf-8");
        var response = await client.PostAsync("/api/v3/orders", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Applies <c>a.b[1].c=&lt;json&gt;</c> to the order, creating nothing: the path must exist up to its parent.</summary>
    internal static void Mutate(JsonNode root, string assignment)
    {
        var split = assignment.IndexOf('=');
        var path = assignment[..split];
        var value = JsonNode.Parse(assignment[(split + 1)..]);
        var segments = new List<object>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            if (bracket < 0)
            {
                segments.Add(part);
                continue;
            }

            segments.Add(part[..bracket]);
            foreach (var index in part[bracket..].Split('[', StringSplitOptions.RemoveEmptyEntries))
            {
                segments.Add(int.Parse(index.TrimEnd(']')));
            }
        }

        var node = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            node = segments[i] is int index ? node![index] : node![(string)segments[i]];
        }

        if (segments[^1] is int last)
        {
            node!.AsArray()[last] = value;
        }
        else
        {
            node!.AsObject()[(string)segments[^1]] = value;
        }
    }
}
