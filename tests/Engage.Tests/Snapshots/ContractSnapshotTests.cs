using Engage.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace Engage.Tests.Snapshots;

/// <summary>
/// The HTTP contract as reviewers see it: a diff in one of these snapshots is an API change.
/// Ids, times and version tags are left out of the comparison (they differ every run).
/// </summary>
public sealed class ContractSnapshotTests : IDisposable
{
    // Stepped by hand, one stage per batch, so every stored notification can be read from the outbox.
    private readonly EngageApp app = new(new Dictionary<string, string?>
    {
        ["Engage:Outbox:Enabled"] = "false",
        ["Engage:Outbox:DeliverPublishedInBatch"] = "false",
    });
    private readonly HttpClient client;

    public ContractSnapshotTests() => client = app.Client();

    public void Dispose() => app.Dispose();

    private static async Task<JToken> Json(HttpResponseMessage response) => JToken.Parse(await response.Content.ReadAsStringAsync());

    private static MatchOptions Scrub(MatchOptions options) => options
        .IgnoreAllFields("traceId")
        .IgnoreAllFields("jobId")
        .IgnoreAllFields("versionTag")
        .IgnoreAllFields("acceptedAt")
        .IgnoreAllFields("completedAt")
        .IgnoreAllFields("registeredAt")
        .IgnoreAllFields("href")
        .IgnoreAllFields("instance");

    [Fact]
    public async Task OpenApi_document()
    {
        var response = await client.GetAsync("/openapi/v1.json");
        Snapshot.Match(await Json(response));
    }

    [Fact]
    public async Task Accepted_job_and_succeeded_job_and_stored_order()
    {
        var accepted = await client.PostJson("/api/v3/orders", Samples.FullOrder("snapshot-order"));
        Snapshot.Match(await Json(accepted), new SnapshotNameExtension("202"), Scrub);

        var jobId = (await accepted.Body())["jobId"].Text();
        Snapshot.Match(await Json(await client.GetAsync($"/api/v3/orders/jobs/{jobId}")), new SnapshotNameExtension("job-pending"), Scrub);

        await app.Processor.DrainAsync();
        Snapshot.Match(await Json(await client.GetAsync($"/api/v3/orders/jobs/{jobId}")), new SnapshotNameExtension("job-succeeded"), Scrub);
        Snapshot.Match(await Json(await client.GetAsync("/api/v3/orders/snapshot-order")), new SnapshotNameExtension("order"), Scrub);
    }

    [Fact]
    public async Task Problems()
    {
        var order = Samples.FullOrder("bad/id");
        order["status"] = "Lost";
        order["lineItems"]!["items"]![0]!["article"]!["sku"] = null;
        Snapshot.Match(await Json(await client.PostJson("/api/v3/orders", order)), new SnapshotNameExtension("validation"), Scrub);
        Snapshot.Match(await Json(await client.PostJson("/api/v3/orders", "{ \"orderId\": ")), new SnapshotNameExtension("malformed"), Scrub);
        Snapshot.Match(await Json(await client.GetAsync("/api/v3/orders/missing")), new SnapshotNameExtension("not-found"), Scrub);

        var first = await client.RegisterOrder(Samples.MinimalOrder("twice"));
        var second = await client.RegisterOrder(Samples.MinimalOrder("twice"));
        await app.Processor.DrainAsync();
        Snapshot.Match(await Json(await client.GetAsync($"/api/v3/orders/jobs/{second}")), new SnapshotNameExtension("job-failed-409"), Scrub);
        Snapshot.Match(await Json(await client.PostJson("/api/v3/orders", Samples.MinimalOrder("twice"))), new SnapshotNameExtension("conflict"), Scrub);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Stored_order_notifications()
    {
        await client.RegisterOrder(Samples.FullOrder("notified"));
        Snapshot.Match(Payload("orders.order-write-accepted.v1"), new SnapshotNameExtension("order-write-accepted"), Scrub);

        await app.Processor.ProcessBatchAsync();
        Snapshot.Match(Payload("orders.order-stored.v1"), new SnapshotNameExtension("order-stored"), options => Scrub(options).IgnoreField("storedAt"));
    }

    private JToken Payload(string type)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM messaging_outbox WHERE type = $type ORDER BY seq LIMIT 1";
        command.Parameters.AddWithValue("$type", type);
        return JToken.Parse((string)command.ExecuteScalar()!);
    }
}
