using System.Text;
using System.Text.Json.Nodes;
using Engage.Modules.IntegrationLog.Model;

namespace Engage.Tests.IntegrationLog;

/// <summary>
/// Entry details are written straight to UTF-8. The stored text must be what the log stored before
/// (a JsonObject serialised with the log's options), byte for byte: masking and reading parse it,
/// and entries written before and after must look the same.
/// </summary>
public sealed class EntryDetailsTests
{
    public static TheoryData<string, object?> Values() => new()
    {
        { "plain", "SKU-RED-42" },
        { "escaping", "Ångström ✓ 🚀 \"quoted\" back\\slash +46 <b>&amp;</b> 'single'" },
        { "control characters", "tab\tnewline\n\u0001\u007f end" },
        { "lone surrogate", "broken \ud800 text" },
        { "empty", "" },
        { "null", null },
        { "int", -42 },
        { "long", 1L << 40 },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Details_are_the_bytes_a_JsonObject_with_the_log_s_options_would_be(string name, object? value)
    {
        var details = EntryDetails.Of(("first", "a"), (name, value), ("versionTag", "Zm9v+/w=="));

        var node = new JsonObject
        {
            ["first"] = "a",
            [name] = value switch
            {
                null => null,
                string text => JsonValue.Create(text),
                int number => JsonValue.Create(number),
                long number => JsonValue.Create(number),
                _ => throw new InvalidOperationException(),
            },
            ["versionTag"] = "Zm9v+/w==",
        };
        Assert.Equal(node.ToJsonString(LogWriter.DetailsOptions), Encoding.UTF8.GetString(details.Bytes));
    }

    [Fact]
    public void Consecutive_details_do_not_share_or_keep_each_other_s_bytes()
    {
        var first = EntryDetails.Of(("sku", "a-much-longer-value-than-the-next-one"));
        var second = EntryDetails.Of(("sku", "b"));

        Assert.Equal("{\"sku\":\"a-much-longer-value-than-the-next-one\"}", Encoding.UTF8.GetString(first.Bytes));
        Assert.Equal("{\"sku\":\"b\"}", Encoding.UTF8.GetString(second.Bytes));
        Assert.Equal("{}", Encoding.UTF8.GetString(EntryDetails.Of().Bytes));
    }

    [Fact]
    public void A_value_that_is_not_text_or_an_integer_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => EntryDetails.Of(("amount", 1.5m)));
        Assert.Contains("'amount' is a Decimal", error.Message);
    }
}
