using System.Net;
using System.Text.Json.Nodes;
using Engage.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace Engage.Tests.Orders;

/// <summary>
/// Orders with a contact: paging by contact, the contact check on GET, /action and /actions,
/// embedded actions, and a whole order life (create, confirm, ship, return, cancel, delete)
/// using only the API.
/// </summary>
public sealed class OrderJourneyTests : IDisposable
{
    private readonly EngageApp app = new();
    private readonly HttpClient client;

    public OrderJourneyTests() => client = app.Client();

    public void Dispose() => app.Dispose();

    private async Task<string> RegisterContact(string email)
    {
        var response = await client.PostJson("/api/v3/contacts", new JsonObject { ["email"] = email, ["firstName"] = "Test" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Body())["contactId"].Text();
    }

    private async Task<JsonNode> Order(string orderId) => await (await client.GetAsync($"/api/v3/orders/{orderId}")).Body();

    private async Task<JsonNode> StoreAndConnect(JsonNode order)
    {
        var jobId = await client.RegisterOrder(order);
        Assert.Equal(HttpStatusCode.Found, (await client.WaitForJob(jobId)).StatusCode);
        var orderId = order["orderId"].Text();
        await Api.Eventually(async () => (await Order(orderId))["contactId"] is not null, $"{orderId} connected to its contact");
        return await Order(orderId);
    }

    private async Task<JsonNode> Write(HttpResponseMessage accepted)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = await client.WaitForJob((await accepted.Body())["jobId"].Text());
        Assert.True(job.StatusCode is HttpStatusCode.Found or HttpStatusCode.OK, job.StatusCode.ToString());
        return await job.Body();
    }

    private async Task<JsonArray> Actions(string orderId) => (await (await client.GetAsync($"/api/v3/orders/{orderId}/actions")).Body()).AsArray();

    [Fact]
    public async Task A_contact_s_orders_page_newest_first_with_links()
    {
        var contactId = await RegisterContact("pager@example.com");
        for (var i = 0; i < 25; i++)
        {
            var order = Samples.MinimalOrder($"page-{i:D2}", matchKey: "pager@example.com");
            // Two orders share each createdAt, so the orderId tie-break is exercised.
            order["createdAt"] = $"2025-01-{1 + (i / 2):D2}T10:00:00+01:00";
            await client.RegisterOrder(order);
        }

        await Api.Eventually(async () =>
            (await (await client.GetAsync($"/api/v3/orders?contactId={contactId}")).Body())["totalCount"]!.GetValue<long>() == 25,
            "all 25 orders connected");

        var first = await (await client.GetAsync($"/api/v3/orders?contactId={contactId}&count=10")).Body();
        Assert.Equal(["page-24", "page-22", "page-23", "page-20", "page-21"], first["items"]!.AsArray().Take(5).Select(o => o!["orderId"].Text()).ToArray());
        Assert.Equal(10, first["items"]!.AsArray().Count);
        Assert.Equal(0, first["offset"]!.GetValue<int>());
        Assert.Equal(10, first["count"]!.GetValue<int>());
        Assert.Equal(["next"], first["links"]!.AsArray().Select(l => l!["rel"].Text()).ToArray());
        Assert.Equal($"/api/v3/orders?contactId={contactId}&offset=10&count=10", first["links"]![0]!["href"].Text());

        var middle = await (await client.GetAsync(first["links"]![0]!["href"].Text())).Body();
        Assert.Equal(["next", "previous"], middle["links"]!.AsArray().Select(l => l!["rel"].Text()).ToArray());
        Assert.Equal($"/api/v3/orders?contactId={contactId}&offset=0&count=10", middle["links"]![1]!["href"].Text());

        var last = await (await client.GetAsync($"/api/v3/orders?contactId={contactId}&offset=20&count=10")).Body();
        Assert.Equal(5, last["items"]!.AsArray().Count);
        Assert.Equal(["previous"], last["links"]!.AsArray().Select(l => l!["rel"].Text()).ToArray());
        Assert.Equal(["page-00", "page-01"], last["items"]!.AsArray().TakeLast(2).Select(o => o!["orderId"].Text()).ToArray());

        var defaults = await (await client.GetAsync($"/api/v3/orders?contactId={contactId}")).Body();
        Assert.Equal(10, defaults["count"]!.GetValue<int>());

        var page = JToken.Parse(await (await client.GetAsync($"/api/v3/orders?contactId={contactId}&offset=23&count=1")).Content.ReadAsStringAsync());
        Snapshot.Match(page, options => options.IgnoreAllFields("versionTag").IgnoreAllFields("registeredAt").IgnoreAllFields("contactId").IgnoreAllFields("href"));
    }

    [Theory]
    [InlineData("", "contactId")]
    [InlineData("contactId=x&count=0", "count")]
    [InlineData("contactId=x&count=101", "count")]
    [InlineData("contactId=x&count=ten", "count")]
    [InlineData("contactId=x&offset=-1", "offset")]
    public async Task Paging_rejects_a_missing_contact_and_bad_counts(string query, string parameter)
    {
        var response = await client.GetAsync($"/api/v3/orders?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Body())["errors"]!.AsObject().ContainsKey(parameter));
    }

    [Fact]
    public async Task Paging_an_unknown_contact_is_404_and_a_known_contact_without_orders_is_an_empty_page()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v3/orders?contactId={Guid.NewGuid()}")).StatusCode);

        var contactId = await RegisterContact("nobody-orders@example.com");
        await Api.Eventually(async () => (await client.GetAsync($"/api/v3/orders?contactId={contactId}")).StatusCode == HttpStatusCode.OK,
            "the new contact is known to Orders");
        var page = await (await client.GetAsync($"/api/v3/orders?contactId={contactId}")).Body();
        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(0, page["totalCount"]!.GetValue<long>());
        Assert.Empty(page["links"]!.AsArray());
    }

    [Fact]
    public async Task Get_with_contact_id_checks_the_connection()
    {
        var contactId = await RegisterContact("owner@example.com");
        await StoreAndConnect(Samples.MinimalOrder("owned", matchKey: "owner@example.com"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v3/orders/owned?contactId={contactId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v3/orders/owned?contactId={Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Action_is_recorded_with_its_version_and_listed()
    {
        await RegisterContact("actor@example.com");
        var order = await StoreAndConnect(Samples.MinimalOrder("acted", matchKey: "actor@example.com"));
        var version = order["versionTag"].Text();

        var response = await client.PostJson("/api/v3/orders/acted/action",
            $$"""{ "action": "ConfirmOrder", "versionTag": "{{version}}", "language": "en-US", "data": { "custom": "data", "list": ["data1", "data2"] } }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var actionId = (await response.Body())["actionId"].Text();
        var actions = await Actions("acted");
        var action = Assert.Single(actions)!;
        Assert.Equal(actionId, action["actionId"].Text());
        Assert.Equal("ConfirmOrder", action["action"].Text());
        Assert.Equal(version, action["versionTag"].Text());
        Assert.Equal("Api", action["source"].Text());
        Assert.Equal("data2", action["data"]!["list"]![1].Text());
        Snapshot.Match(JToken.Parse(actions.ToJsonString()), options => options.IgnoreAllFields("actionId").IgnoreAllFields("versionTag").IgnoreAllFields("triggeredAt"));

        await Api.Eventually(async () =>
            (await (await client.GetAsync("/api/v3/integration-log?orderId=acted&severity=Info")).Body())["items"]!.AsArray()
                .Any(e => e!["message"].Text() == "Order action triggered"),
            "the triggered action is in the integration log");
    }

    [Fact]
    public async Task An_embedded_action_is_triggered_with_its_version_once_the_stages_are_done()
    {
        await RegisterContact("embedded@example.com");
        await StoreAndConnect(Samples.MinimalOrder("embedded", matchKey: "embedded@example.com"));

        var job = await Write(await client.PostJson("/api/v3/orders/embedded/change-status",
            """{ "status": "Completed", "orderAction": { "action": "ConfirmCompletion", "language": "sv-SE" } }"""));

        await Api.Eventually(async () => (await Actions("embedded")).Count == 1, "the embedded action is triggered");
        var action = (await Actions("embedded"))[0]!;
        Assert.Equal("ConfirmCompletion", action["action"].Text());
        Assert.Equal("Embedded", action["source"].Text());
        Assert.Equal(job["versionTag"].Text(), action["versionTag"].Text());
        Assert.Equal(job["jobId"].Text(), action["jobId"].Text());

        // Processing again (a retry, a tick) never triggers it a second time.
        await app.Processor.DrainAsync();
        Assert.Single(await Actions("embedded"));
    }

    [Fact]
    public async Task An_embedded_action_without_a_contact_is_not_triggered_and_the_log_says_so()
    {
        var order = Samples.MinimalOrder("no-contact-action", matchKey: "unknown-person@example.com");
        order["orderAction"] = new JsonObject { ["action"] = "ConfirmOrder" };
        var jobId = await client.RegisterOrder(order);
        Assert.Equal(HttpStatusCode.Found, (await client.WaitForJob(jobId)).StatusCode);

        await Api.Eventually(async () =>
            (await (await client.GetAsync("/api/v3/integration-log?orderId=no-contact-action&severity=Warning")).Body())["items"]!.AsArray()
                .Any(e => e!["message"].Text() == "Order action not triggered"),
            "the log says the action was not triggered");
        Assert.Empty(await Actions("no-contact-action"));
        Assert.Null((await Order("no-contact-action"))["orderAction"]);
    }

    [Fact]
    public async Task A_whole_order_life_through_the_api()
    {
        var contactId = await RegisterContact("life@example.com");
        var order = Samples.FullOrder("life-1", "life@example.com");
        order["orderAction"] = new JsonObject { ["action"] = "ConfirmOrder" };
        var created = await StoreAndConnect(order);
        Assert.Equal(contactId, created["contactId"].Text());
        await Api.Eventually(async () => (await Actions("life-1")).Count == 1, "the order is confirmed");

        var shipped = await Write(await client.PostJson("/api/v3/orders/life-1/change-delivery",
            """{ "delivery": { "method": "DHL", "trackingNumber": "JD0001", "trackingUri": "https://dhl.com/track/JD0001" }, "orderAction": { "action": "ConfirmShipment" } }"""));
        await Api.Eventually(async () => (await Actions("life-1")).Count == 2, "the shipment is confirmed");

        var returned = await Order("life-1");
        returned["lineItems"]!["items"]![1]!["type"] = "Return";
        returned["lineItems"]!["items"]![1]!["returnDetails"] = new JsonObject { ["type"] = "Complaint", ["reason"] = "Torn" };
        var replaceRequest = new HttpRequestMessage(HttpMethod.Put, "/api/v3/orders/life-1") { Content = Api.Json(returned) };
        replaceRequest.Headers.TryAddWithoutValidation("If-Match", $"\"{shipped["versionTag"].Text()}\"");
        await Write(await client.SendAsync(replaceRequest));
        var afterReturn = await Order("life-1");
        Assert.Equal("Return", afterReturn["lineItems"]!["items"]![1]!["type"].Text());
        Assert.Equal("Purchase", afterReturn["type"].Text());
        Assert.Equal(contactId, afterReturn["contactId"].Text());

        await Write(await client.PostJson("/api/v3/orders/life-1/change-status", """{ "status": "Cancelled", "externalStatus": "Refunded", "orderAction": { "action": "ConfirmCancellation" } }"""));
        await Api.Eventually(async () => (await Actions("life-1")).Count == 3, "the cancellation is confirmed");
        Assert.Equal("Cancelled", (await Order("life-1"))["status"].Text());
        Assert.Equal(["ConfirmOrder", "ConfirmShipment", "ConfirmCancellation"], (await Actions("life-1")).Select(a => a!["action"].Text()).ToArray());

        var deleted = await Write(await client.DeleteAsync("/api/v3/orders/life-1"));
        Assert.Equal("Succeeded", deleted["status"].Text());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v3/orders/life-1")).StatusCode);
    }
}
