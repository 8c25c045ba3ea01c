using System.Net;
using Engage.Modules.Catalog.Contracts;
using Engage.Modules.IntegrationLog.GetEntries;
using Engage.Modules.IntegrationLog.Model;
using Engage.Modules.IntegrationLog.RecordEntries;
using Engage.Modules.Orders.Contracts;
using Engage.Tests.Contacts;
using Engage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

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

    [Fact]
    public async Task Entries_of_the_same_time_come_most_recently_recorded_first()
    {
        var orderId = Samples.NewId("tie");
        var at = DateTimeOffset.UtcNow.AddMinutes(5);
        // One message, four entries with one timestamp, recorded in this order: SKU-A, SKU-B, SKU-C, the store.
        await app.ToHandler("refs-tie", context => new ReferencesCheckedEntryHandler(context)
            .Handle(new OrderReferencesChecked(orderId, "v1", ["SKU-A", "SKU-B", "SKU-C"], "STORE-1", at), default));

        var entries = await client.Entries(orderId);

        Assert.Equal(
            ["STORE-1", "SKU-C", "SKU-B", "SKU-A"],
            entries.Select(e => e!["details"]!["externalStoreId"]?.Text() ?? e["details"]!["sku"].Text()));
        var newest = (await (await client.GetAsync("/api/v3/integration-log?count=2&severity=Warning")).Body())["items"]!.AsArray();
        Assert.Equal(["Store is missing", "Article is missing"], newest.Select(e => e!["message"].Text()));
    }

    [Fact]
    public async Task The_whole_log_interleaves_the_severities_newest_first_and_pages_through_them_in_that_order()
    {
        var orderId = Samples.NewId("mix");
        var t0 = DateTimeOffset.UtcNow.AddDays(1);
        var (t1, t2, t3) = (t0.AddSeconds(1), t0.AddSeconds(2), t0.AddSeconds(3));
        // Recorded in this order; the Error and the second Warning share a timestamp.
        await app.ToHandler("mix-1", context => new ReferencesCheckedEntryHandler(context)
            .Handle(new OrderReferencesChecked(orderId, "v1", [], "STORE-0", t0), default));
        await app.ToHandler("mix-2", context => new MessageParkedEntryHandler(context)
            .Handle(new Engage.BuildingBlocks.Messaging.MessageParked("parked-1", "orders.order-stored.v1", 5, "boom", orderId, null, t2), default));
        await app.ToHandler("mix-3", context => new OrderActionTriggeredEntryHandler(context)
            .Handle(new OrderActionTriggered("act-1", orderId, "v1", "ConfirmOrder", Guid.NewGuid().ToString(), "en-US", null, "Api", null, t1), default));
        await app.ToHandler("mix-4", context => new ReferencesCheckedEntryHandler(context)
            .Handle(new OrderReferencesChecked(orderId, "v1", ["SKU-2"], null, t2), default));
        await app.ToHandler("mix-5", context => new OrderActionTriggeredEntryHandler(context)
            .Handle(new OrderActionTriggered("act-3", orderId, "v1", "ConfirmOrder", Guid.NewGuid().ToString(), "en-US", null, "Api", null, t3), default));
        string[] expected = ["Info act-3", "Warning SKU-2", "Error parked-1", "Info act-1", "Warning STORE-0"];

        var all = await (await client.GetAsync("/api/v3/integration-log?count=100")).Body();
        var paged = new List<string>();
        for (var offset = 0; offset < expected.Length; offset += 2)
        {
            var page = await (await client.GetAsync($"/api/v3/integration-log?offset={offset}&count=2")).Body();
            paged.AddRange(page["items"]!.AsArray().Select(Describe));
        }

        Assert.Equal(expected.Length, all["totalCount"]!.GetValue<long>());
        Assert.Equal(expected, all["items"]!.AsArray().Select(Describe));
        Assert.Equal(expected, paged);

        static string Describe(System.Text.Json.Nodes.JsonNode? entry)
        {
            var details = entry!["details"]!;
            var what = details["actionId"]?.Text() ?? details["sku"]?.Text() ?? details["messageId"]?.Text() ?? details["externalStoreId"].Text();
            return $"{entry["severity"].Text()} {what}";
        }
    }

    [Theory]
    [InlineData(false, false, "ix_integration_log_entries_severity")]
    [InlineData(true, false, "ix_integration_log_entries_order")]
    [InlineData(false, true, "ix_integration_log_entries_severity")]
    [InlineData(true, true, "ix_integration_log_entries_order")]
    public void Every_listing_reads_its_index_in_page_order_without_sorting(bool byOrder, bool bySeverity, string index)
    {
        var (count, page) = GetEntriesEndpoint.Queries(byOrder, bySeverity);
        using var connection = app.OpenDatabase();

        var pagePlan = Plan(connection, page);
        if (byOrder || bySeverity)
        {
            Assert.Contains($"USING INDEX {index}", pagePlan);
            Assert.DoesNotContain("TEMP B-TREE", pagePlan); // a sort would read every matching entry for every page
        }
        else
        {
            // The whole log: one range of the severity index per severity, read from the index alone
            // and merged in page order; only the page's own rows (at most 100) may be sorted again.
            var lines = pagePlan.Split('\n');
            Assert.Equal(Severities.All.Length, lines.Count(line => line.Contains($"USING COVERING INDEX {index} (severity=?)", StringComparison.Ordinal)));
            Assert.Contains("MERGE (UNION ALL)", pagePlan);
            Assert.Contains("USING INTEGER PRIMARY KEY", pagePlan);
            Assert.All(lines.Where(line => line.Contains("TEMP B-TREE", StringComparison.Ordinal)), line => Assert.Equal("USE TEMP B-TREE FOR ORDER BY", line));
            Assert.DoesNotContain(lines, line => line.StartsWith("SCAN integration_log_entries", StringComparison.Ordinal));
        }
        if (byOrder || bySeverity)
        {
            Assert.Contains($"INDEX {index}", Plan(connection, count)); // covering, except with both filters (then the order's few rows are read)
        }
    }

    private static string Plan(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in new (string, object)[] { ("@orderId", "o"), ("@level", "Warning"), ("@take", 10), ("@skip", 0) })
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, value);
            }
        }

        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join("\n", lines);
    }
}
