using System.Net;
using Engage.Modules.Orders.Contracts;
using Engage.Tests.Contacts;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.IntegrationLog;

/// <summary>GET /api/v3/integration-log: filters, newest first, paging links, and the 400s.</summary>
public sealed class GetEntriesTests : IDisposable
{
    private readonly EngageApp app = new(Stages.PumpOff);
    private readonly HttpClient client;

    public GetEntriesTests() => client = app.Client();

    public void Dispose() => app.Dispose();

    /// <summary>Order A: contact, 2 articles and store missing (4 warnings). Order B: contact and 1 article (2). One Info.</summary>
    private async Task<(string A, string B)> Seed()
    {
        var a = Samples.NewId("a");
        var b = Samples.NewId("b");
        await client.RegisterOrder(Samples.FullOrder(a));
        await client.RegisterOrder(Samples.MinimalOrder(b));
        await app.Processor.DrainAsync();
        await app.ToHandler("action-1", context => new Engage.Modules.IntegrationLog.RecordEntries.OrderActionTriggeredEntryHandler(context)
            .Handle(new OrderActionTriggered("act-1", b, "v1", "ConfirmOrder", Guid.NewGuid().ToString(), "en-US", null, "Api", null, DateTimeOffset.UtcNow.AddMinutes(1)), default));
        return (a, b);
    }

    [Fact]
    public async Task Filters_by_order_and_severity_case_insensitively_newest_first()
    {
        var (a, b) = await Seed();

        var forA = await (await client.GetAsync($"/api/v3/integration-log?orderId={a}")).Body();
        Assert.Equal(4, forA["totalCount"]!.GetValue<long>());
        Assert.All(forA["items"]!.AsArray(), e => Assert.Equal(a, e!["orderId"].Text()));

        var warnings = await (await client.GetAsync("/api/v3/integration-log?severity=wArNiNg&count=100")).Body();
        Assert.Equal(6, warnings["totalCount"]!.GetValue<long>());
        Assert.All(warnings["items"]!.AsArray(), e => Assert.Equal("Warning", e!["severity"].Text()));

        var info = await (await client.GetAsync($"/api/v3/integration-log?orderId={b}&severity=info")).Body();
        var action = Assert.Single(info["items"]!.AsArray())!;
        Assert.Equal("Order action triggered", action["message"].Text());
        Assert.Equal("act-1", action["details"]!["actionId"].Text());

        var all = (await (await client.GetAsync("/api/v3/integration-log?count=100")).Body())["items"]!.AsArray();
        Assert.Equal(7, all.Count);
        Assert.Equal("Order action triggered", all[0]!["message"].Text()); // the newest
        var times = all.Select(e => DateTimeOffset.Parse(e!["timestamp"].Text())).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task Pages_have_next_and_previous_links_like_the_contract()
    {
        var (a, _) = await Seed();

        var first = await (await client.GetAsync($"/api/v3/integration-log?orderId={a}&severity=Warning&count=1")).Body();
        Assert.Equal(0, first["offset"]!.GetValue<int>());
        Assert.Equal(1, first["count"]!.GetValue<int>());
        Assert.Single(first["items"]!.AsArray());
        var link = Assert.Single(first["links"]!.AsArray())!;
        Assert.Equal("next", link["rel"].Text());
        Assert.Equal($"/api/v3/integration-log?orderId={a}&severity=Warning&offset=1&count=1", link["href"].Text());
        Assert.Equal("GET", link["method"].Text());

        var middle = await (await client.GetAsync($"/api/v3/integration-log?orderId={a}&offset=1&count=2")).Body();
        Assert.Equal(["next", "previous"], middle["links"]!.AsArray().Select(l => l!["rel"].Text()));
        Assert.Equal($"/api/v3/integration-log?orderId={a}&offset=0&count=2", middle["links"]![1]!["href"].Text());

        var last = await (await client.GetAsync($"/api/v3/integration-log?orderId={a}&offset=3&count=2")).Body();
        Assert.Single(last["items"]!.AsArray());
        Assert.Equal(["previous"], last["links"]!.AsArray().Select(l => l!["rel"].Text()));

        var defaults = await (await client.GetAsync("/api/v3/integration-log")).Body();
        Assert.Equal(10, defaults["count"]!.GetValue<int>());
        Assert.Empty(defaults["links"]!.AsArray());
    }

    [Theory]
    [InlineData("count=0", "count")]
    [InlineData("count=101", "count")]
    [InlineData("count=ten", "count")]
    [InlineData("offset=-1", "offset")]
    [InlineData("severity=Critical", "severity")]
    public async Task Bad_query_values_are_400(string query, string error)
    {
        var response = await client.GetAsync($"/api/v3/integration-log?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await response.Body())["errors"]![error]);
    }
}
