using System.Text.Json;
using System.Text.Json.Nodes;
using Engage.Modules.Orders;
using Engage.Modules.Orders.Model;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.Orders;

/// <summary>
/// <see cref="ValidOrderCheck"/> lets an order skip FluentValidation's rule-by-rule run when it
/// breaks no rule. Any disagreement with the rules is a defect: a "passes" on an order a rule
/// refuses would accept an invalid order; a "fails" on a valid one would only cost time, and is
/// refused here as well, so the two stay the same rules.
/// </summary>
public sealed class ValidOrderCheckTests
{
    private readonly OrderValidator validator = new();

    [Theory]
    [MemberData(nameof(OrderValidationTests.Violations), MemberType = typeof(OrderValidationTests))]
    public void Every_violation_of_the_validation_tests_fails_the_check(string description, string assignment, string expectedPath)
    {
        var order = Samples.FullOrder("check-order");
        OrderValidationTests.Mutate(order, assignment);

        var parsed = Parse(order)!;

        Assert.False(validator.ValidateEveryRule(parsed).IsValid, $"{description} ({expectedPath}): the rules accept it");
        Assert.False(ValidOrderCheck.Passes(parsed), $"{description} ({expectedPath}): the check passes an order the rules refuse");
        Assert.False(validator.Validate(parsed).IsValid, description);
    }

    [Fact]
    public void The_check_agrees_with_the_rules_on_every_mutation_of_valid_orders()
    {
        var agreedValid = 0;
        var agreedInvalid = 0;
        var disagreements = new List<string>();
        foreach (var (name, baseOrder) in BaseOrders())
        {
            Assert.True(validator.ValidateEveryRule(Parse(baseOrder)!).IsValid, $"{name} must be a valid order to mutate");
            foreach (var (path, mutated) in Mutations(baseOrder))
            {
                var order = Parse(mutated);
                if (order is null)
                {
                    continue; // the JSON reader refuses it (a wrong JSON type): no validator sees it
                }

                var byRules = validator.ValidateEveryRule(order).IsValid;
                var byCheck = ValidOrderCheck.Passes(order);
                if (byRules != byCheck)
                {
                    disagreements.Add($"{name} {path}: rules say {(byRules ? "valid" : "invalid")}, check says {(byCheck ? "passes" : "fails")}");
                }
                else if (byRules)
                {
                    agreedValid++;
                }
                else
                {
                    agreedInvalid++;
                }
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(50)));
        // The mutations must reach both sides of the rules, or the comparison proves nothing.
        Assert.True(agreedValid > 500, $"only {agreedValid} valid mutations");
        Assert.True(agreedInvalid > 1000, $"only {agreedInvalid} invalid mutations");
    }

    [Fact]
    public void An_order_whose_line_ids_repeat_fails_also_past_the_short_list()
    {
        // More than 16 items take the check's hash-set path.
        var order = Samples.MinimalOrder("many-lines");
        var items = new JsonArray();
        for (var i = 0; i < 40; i++)
        {
            items.Add(JsonNode.Parse($$"""{ "id": "line-{{(i == 39 ? 3 : i)}}", "quantity": 1, "article": { "sku": "S" }, "totalPrice": 1 }"""));
        }

        order["lineItems"]!["items"] = items;
        order["totalPrice"] = 40;
        var parsed = Parse(order)!;

        Assert.False(validator.ValidateEveryRule(parsed).IsValid);
        Assert.False(ValidOrderCheck.Passes(parsed));
    }

    private static Order? Parse(JsonNode order)
    {
        try
        {
            return JsonSerializer.Deserialize(order.ToJsonString(), OrdersJsonContext.Api.Order);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<(string Name, JsonNode Order)> BaseOrders()
    {
        yield return ("full order", Samples.FullOrder("check-full"));
        yield return ("minimal order", Samples.MinimalOrder("check-min"));
        yield return ("contactId order", Samples.MinimalOrder("check-cid", "ContactId", "5b1f8f5e-4f55-4d2c-9e6c-1c2b3a4d5e6f"));

        var everything = Samples.FullOrder("check-everything");
        everything["lineItems"]!["items"]![1]!["type"] = "Return";
        everything["lineItems"]!["items"]![1]!["returnDetails"] = JsonNode.Parse("""{ "type": "Complaint", "reason": "too small" }""");
        everything["orderAction"] = JsonNode.Parse("""{ "action": "ConfirmOrder", "language": "sv-SE", "data": { "note": "gift" } }""");
        everything["references"] = JsonNode.Parse("""["order-1", "order-2"]""");
        yield return ("order with every optional part", everything);
    }

    private static readonly JsonNode?[] Values = BuildValues();

    private static JsonNode?[] BuildValues()
    {
        var texts = new List<string>
        {
            "", " ", "a/b", "a?b", "a#b", "a%b", "a\u0001b", "Fax", "Shipped", "Rental", "Gift", "Bitcoin", "Tip", "Refund", "Duty",
            "email", "EMAIL", "ContactId", "contactid", "MobilePhone", "completed", "Return", "return", "Normal", "Change", "vat",
            "Vat", "SalesTax", "card", "Swish", "shipping", "Other", "coupon", "Campaign",
            "not-an-email", "john@", "a@b.se", "5b1f8f5e-4f55-4d2c-9e6c-1c2b3a4d5e6f", "not-a-guid",
            "2025-12-03T15:15:19", "2025-12-03T15:15:19+01:00", "2025-12-03T15:15:19.1234567Z", "2025-12-06", "yesterday",
            "/img.png", "ftp://x.example/p", "https://x.example/p", "http://x.example", "track/1",
            "XX", "SE", "se", "EUR", "eur", "ABC", "SEK", "en-US", "en_US!", "sv",
        };
        foreach (var length in new[] { 35, 36, 49, 50, 51, 99, 100, 101, 254, 255, 256, 257, 1999, 2000, 2001 })
        {
            texts.Add(new string('x', length));
        }

        texts.Add(new string('x', 250) + "@example.com");

        var numbers = new[] { "0", "-1", "1", "0.5", "1.2345", "0.00001", "1.23456", "25", "100", "100.0001", "101",
            "999999999999.9999", "1000000000000", "-1000000000000", "70000000000000000000000000000" };

        var values = new List<JsonNode?> { null, JsonNode.Parse("{}"), JsonNode.Parse("[]"), JsonNode.Parse("[null]") };
        values.AddRange(texts.Select(text => (JsonNode?)JsonValue.Create(text)));
        values.AddRange(numbers.Select(number => JsonNode.Parse(number)));
        return values.ToArray();
    }

    /// <summary>
    /// Every property and item of the order in turn: replaced by each of <see cref="Values"/>,
    /// removed, and for arrays also emptied, grown past their limits and given a repeated item.
    /// </summary>
    private static IEnumerable<(string Path, JsonNode Order)> Mutations(JsonNode baseOrder)
    {
        foreach (var (path, _) in Paths(baseOrder, "$"))
        {
            if (path == "$")
            {
                continue;
            }

            foreach (var value in Values)
            {
                yield return ($"{path}={value?.ToJsonString() ?? "null"}", Replace(baseOrder, path, value?.DeepClone()));
            }

            yield return ($"{path} removed", Replace(baseOrder, path, remove: true));

            var original = Find(baseOrder, path);
            if (original is JsonArray array && array.Count > 0)
            {
                var repeated = array.DeepClone().AsArray();
                repeated.Add(array[0]!.DeepClone());
                yield return ($"{path} with its first item repeated", Replace(baseOrder, path, repeated));

                var many = new JsonArray();
                for (var i = 0; i < 51; i++)
                {
                    many.Add(array[0]!.DeepClone());
                }

                yield return ($"{path} with 51 items", Replace(baseOrder, path, many));
            }
        }
    }

    private static IEnumerable<(string Path, JsonNode? Node)> Paths(JsonNode? node, string path)
    {
        yield return (path, node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    foreach (var inner in Paths(child, $"{path}.{name}"))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var inner in Paths(array[i], $"{path}[{i}]"))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static JsonNode? Find(JsonNode root, string path) =>
        Paths(root, "$").First(p => p.Path == path).Node;

    private static JsonNode Replace(JsonNode baseOrder, string path, JsonNode? value = null, bool remove = false)
    {
        var copy = baseOrder.DeepClone();
        var target = Find(copy, path);
        var parent = target?.Parent ?? FindParent(copy, path);
        switch (parent)
        {
            case JsonObject obj:
                var name = path[(path.LastIndexOf('.') + 1)..];
                if (remove)
                {
                    obj.Remove(name);
                }
                else
                {
                    obj[name] = value;
                }

                break;
            case JsonArray array:
                var index = int.Parse(path[(path.LastIndexOf('[') + 1)..^1]);
                if (remove)
                {
                    array.RemoveAt(index);
                }
                else
                {
                    array[index] = value;
                }

                break;
        }

        return copy;
    }

    /// <summary>The parent of a property or item whose value is null (a null node has no Parent).</summary>
    private static JsonNode FindParent(JsonNode root, string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.EndsWith(']') ? path.LastIndexOf('[') : -1);
        return Find(root, path[..cut])!;
    }
}
