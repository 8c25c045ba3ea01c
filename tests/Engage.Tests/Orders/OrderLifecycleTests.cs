using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.Orders;

/// <summary>Replace, delete, change-status, change-delivery: accept-time and process-time checks, and ordering.</summary>
public sealed class OrderLifecycleTests : IDisposable
{
    private readonly EngageApp app = new(new Dictionary<string, string?> { ["Engage:Outbox:Enabled"] = "false" });
    private readonly HttpClient client;

    public OrderLifecycleTests() => client = app.Client();

    public void Dispose() => app.Dispose();

    private async Task<JsonNode> Stored(string orderId) => await (await client.GetAsync($"/api/v3/orders/{orderId}")).Body();

    private async Task<string> Create(JsonNode order)
    {
        await client.RegisterOrder(order);
        await app.Processor.DrainAsync();
        return (await Stored(order["orderId"].Text()))["versionTag"].Text();
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, JsonNode? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = Api.Json(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{ifMatch}\""));
        }

        return request;
    }

    private async Task<HttpResponseMessage> Job(HttpResponseMessage accepted)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = (await accepted.Body())["jobId"].Text();
        await app.Processor.DrainAsync();
        return await client.GetAsync($"/api/v3/orders/jobs/{jobId}");
    }

    [Fact]
    public async Task Replace_is_whole_omitted_fields_are_gone_and_the_version_changes()
    {
        var order = Samples.FullOrder("replace-1");
        var version = await Create(order);
        var replacement = Samples.MinimalOrder("replace-1");
        replacement["status"] = "Completed";

        var job = await Job(await client.SendAsync(Request(HttpMethod.Put, "/api/v3/orders/replace-1", replacement, version)));

        Assert.Equal(HttpStatusCode.Found, job.StatusCode);
        Assert.Equal("Replace", (await job.Body())["operation"].Text());
        var stored = await Stored("replace-1");
        Assert.Equal("Completed", stored["status"].Text());
        Assert.Null(stored["delivery"]);
        Assert.Null(stored["payments"]);
        Assert.Null(stored["externalStoreId"]);
        Assert.NotEqual(version, stored["versionTag"].Text());
        // createdAt was omitted this time, so it defaults to when the order was first stored.
        Assert.Equal(stored["registeredAt"].Text(), stored["createdAt"].Text());
    }

    [Fact]
    public async Task Get_modify_put_works_with_the_read_only_fields_in_the_body()
    {
        await Create(Samples.FullOrder("gmp-1"));
        var stored = await Stored("gmp-1");
        stored["externalStatus"] = "Packed";

        var job = await Job(await client.PutJson("/api/v3/orders/gmp-1", stored));

        Assert.Equal(HttpStatusCode.Found, job.StatusCode);
        var after = await Stored("gmp-1");
        Assert.Equal("Packed", after["externalStatus"].Text());
        Assert.Equal(stored["registeredAt"].Text(), after["registeredAt"].Text());
    }

    [Fact]
    public async Task Replace_checks_path_body_existence_and_if_match_synchronously()
    {
        await Create(Samples.MinimalOrder("put-1"));

        var mismatch = await client.PutJson("/api/v3/orders/put-1", Samples.MinimalOrder("put-2"));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.True((await mismatch.Body())["errors"]!.AsObject().ContainsKey("orderId"));

        var unknown = await client.PutJson("/api/v3/orders/nobody", Samples.MinimalOrder("nobody"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var stale = await client.SendAsync(Request(HttpMethod.Put, "/api/v3/orders/put-1", Samples.MinimalOrder("put-1"), "not-the-version"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var invalid = Samples.MinimalOrder("put-1");
        invalid["status"] = "Nope";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutJson("/api/v3/orders/put-1", invalid)).StatusCode);
    }

    [Fact]
    public async Task If_match_is_checked_again_when_the_job_is_processed()
    {
        var version = await Create(Samples.MinimalOrder("recheck-1"));
        var first = await client.SendAsync(Request(HttpMethod.Put, "/api/v3/orders/recheck-1", Samples.MinimalOrder("recheck-1"), version));
        var second = await client.SendAsync(Request(HttpMethod.Put, "/api/v3/orders/recheck-1", Samples.MinimalOrder("recheck-1"), version));
        var firstId = (await first.Body())["jobId"].Text();
        var secondId = (await second.Body())["jobId"].Text();

        await app.Processor.DrainAsync();

        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/api/v3/orders/jobs/{firstId}")).StatusCode);
        var failed = await client.GetAsync($"/api/v3/orders/jobs/{secondId}");
        Assert.Equal(HttpStatusCode.PreconditionFailed, failed.StatusCode);
        Assert.Equal(secondId, (await failed.Body())["jobId"].Text());
    }

    [Fact]
    public async Task Two_replaces_apply_in_the_order_they_were_accepted()
    {
        await Create(Samples.MinimalOrder("order-of-jobs"));
        var early = Samples.MinimalOrder("order-of-jobs");
        early["externalStatus"] = "first";
        var late = Samples.MinimalOrder("order-of-jobs");
        late["externalStatus"] = "second";
        var earlyJob = (await (await client.PutJson("/api/v3/orders/order-of-jobs", early)).Body())["jobId"].Text();
        var lateJob = (await (await client.PutJson("/api/v3/orders/order-of-jobs", late)).Body())["jobId"].Text();

        // Deliver the later job's message first: it must still apply the earlier job before itself.
        using (var connection = app.OpenDatabase())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE messaging_outbox SET next_attempt_at = 4102444800000 WHERE payload LIKE '%' || $job || '%'";
            command.Parameters.AddWithValue("$job", earlyJob);
            command.ExecuteNonQuery();
        }

        await app.Processor.DrainAsync();

        Assert.Equal("second", (await Stored("order-of-jobs"))["externalStatus"].Text());
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/api/v3/orders/jobs/{earlyJob}")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/api/v3/orders/jobs/{lateJob}")).StatusCode);
    }

    [Fact]
    public async Task Replace_racing_delete_the_later_delete_wins_and_a_replace_after_it_fails_404()
    {
        await Create(Samples.MinimalOrder("race-del"));
        var replace = (await (await client.PutJson("/api/v3/orders/race-del", Samples.MinimalOrder("race-del"))).Body())["jobId"].Text();
        var delete = (await (await client.DeleteAsync("/api/v3/orders/race-del")).Body())["jobId"].Text();
        var replaceAgain = (await (await client.PutJson("/api/v3/orders/race-del", Samples.MinimalOrder("race-del"))).Body())["jobId"].Text();

        await app.Processor.DrainAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v3/orders/jobs/{delete}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v3/orders/jobs/{replaceAgain}")).StatusCode);
        var replaced = await client.GetAsync($"/api/v3/orders/jobs/{replace}");
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("Succeeded", (await replaced.Body())["status"].Text());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v3/orders/race-del")).StatusCode);
    }

    [Fact]
    public async Task Change_status_racing_replace_applies_on_top_of_the_earlier_replace()
    {
        await Create(Samples.MinimalOrder("race-status"));
        var replacement = Samples.MinimalOrder("race-status");
        replacement["channel"] = "Store";
        await client.PutJson("/api/v3/orders/race-status", replacement);
        await client.PostJson("/api/v3/orders/race-status/change-status", """{ "status": "Cancelled" }""");

        await app.Processor.DrainAsync();

        var stored = await Stored("race-status");
        Assert.Equal("Cancelled", stored["status"].Text());
        Assert.Equal("Store", stored["channel"].Text());
    }

    [Fact]
    public async Task Delete_succeeds_with_200_and_the_order_is_gone()
    {
        var version = await Create(Samples.MinimalOrder("del-1"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(Request(HttpMethod.Delete, "/api/v3/orders/del-1", ifMatch: "stale"))).StatusCode);
        var job = await Job(await client.SendAsync(Request(HttpMethod.Delete, "/api/v3/orders/del-1", ifMatch: version)));

        Assert.Equal(HttpStatusCode.OK, job.StatusCode);
        var body = await job.Body();
        Assert.Equal("Succeeded", body["status"].Text());
        Assert.Equal("Delete", body["operation"].Text());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v3/orders/del-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/v3/orders/del-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJson("/api/v3/orders", Samples.MinimalOrder("del-1"))).StatusCode);
    }

    [Fact]
    public async Task Change_status_changes_only_the_statuses()
    {
        var version = await Create(Samples.FullOrder("status-1"));

        var job = await Job(await client.PostJson("/api/v3/orders/status-1/change-status", """{ "status": "completed", "externalStatus": "Delivered" }"""));

        Assert.Equal(HttpStatusCode.Found, job.StatusCode);
        Assert.Equal("ChangeStatus", (await job.Body())["operation"].Text());
        var stored = await Stored("status-1");
        Assert.Equal("Completed", stored["status"].Text());
        Assert.Equal("Delivered", stored["externalStatus"].Text());
        Assert.Equal("DHL", stored["delivery"]!["method"].Text());
        Assert.NotEqual(version, stored["versionTag"].Text());
    }

    [Theory]
    [InlineData("{}", "status")]
    [InlineData("""{ "status": "Lost" }""", "status")]
    [InlineData("""{ "externalStatus": "x", "orderAction": {} }""", "orderAction.action")]
    [InlineData("""{ "status": "Completed", "extra": 1 }""", "extra")]
    public async Task Change_status_needs_a_valid_status_or_external_status(string body, string path)
    {
        await Create(Samples.MinimalOrder("status-bad"));
        var response = await client.PostJson("/api/v3/orders/status-bad/change-status", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Body())["errors"]!.AsObject().ContainsKey(path));
    }

    [Fact]
    public async Task Change_status_and_delivery_of_an_unknown_order_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJson("/api/v3/orders/ghost/change-status", """{ "status": "Completed" }""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJson("/api/v3/orders/ghost/change-delivery", """{ "delivery": { "method": "DHL" } }""")).StatusCode);
    }

    [Fact]
    public async Task Change_delivery_replaces_the_delivery()
    {
        var version = await Create(Samples.FullOrder("delivery-1"));
        var stale = new HttpRequestMessage(HttpMethod.Post, "/api/v3/orders/delivery-1/change-delivery") { Content = Api.Json("""{ "delivery": { "method": "Bring" } }""") };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"old\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(stale)).StatusCode);

        var job = await Job(await client.PostJson("/api/v3/orders/delivery-1/change-delivery",
            """{ "delivery": { "method": "PostNord", "trackingNumber": "PN1", "trackingUri": "https://postnord.se/t/PN1", "deliveryDate": "2025-12-08T12:00:00+01:00" } }"""));

        Assert.Equal(HttpStatusCode.Found, job.StatusCode);
        var delivery = (await Stored("delivery-1"))["delivery"]!;
        Assert.Equal("PostNord", delivery["method"].Text());
        Assert.Equal("2025-12-08T12:00:00+01:00", delivery["deliveryDate"].Text());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJson("/api/v3/orders/delivery-1/change-delivery", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await client.PostJson("/api/v3/orders/delivery-1/change-delivery", """{ "delivery": { "deliveryDate": "2025-12-08" } }""")).StatusCode);
    }

    [Fact]
    public async Task What_the_client_sent_is_stored_in_canonical_form()
    {
        var json = """
            { "ORDERID": "canonical-1", "Contact": { "MatchKeyType": "EMAIL", "matchkey": "a@example.com" }, "status": "completed",
              "currencycode": "EUR", "TotalPrice": 5, "createdAt": "2025-12-03T15:15:19.5000+01:00",
              "type": "Purchase", "contactId": "5b1f8f5e-4f55-4d2c-9e6c-1c2b3a4d5e6f", "versionTag": "mine", "registeredAt": "2020-01-01T00:00:00+00:00",
              "lineitems": { "Items": [ { "Quantity": 1, "Article": { "SKU": "A" }, "totalprice": 5, "type": "return", "taxes": [ { "type": "vat", "amount": 1 } ] } ] },
              "payments": { "items": [ { "method": "klarna", "amount": 5 } ] },
              "delivery": { "deliveryDate": "2025-12-06T10:00:00.000+01:00" }, "billingAddress": { "countryCode": "se" } }
            """;
        var job = await Job(await client.PostJson("/api/v3/orders", json));
        Assert.Equal(HttpStatusCode.Found, job.StatusCode);

        var stored = await Stored("canonical-1");
        Assert.Equal("Completed", stored["status"].Text());
        Assert.Equal("Email", stored["contact"]!["matchKeyType"].Text());
        Assert.Equal("Return", stored["lineItems"]!["items"]![0]!["type"].Text());
        Assert.Equal("Vat", stored["lineItems"]!["items"]![0]!["taxes"]![0]!["type"].Text());
        Assert.Equal("Klarna", stored["payments"]!["items"]![0]!["method"].Text());
        Assert.Equal("SE", stored["billingAddress"]!["countryCode"].Text());
        Assert.Equal("2025-12-03T15:15:19.5+01:00", stored["createdAt"].Text());
        Assert.Equal("2025-12-06T10:00:00+01:00", stored["delivery"]!["deliveryDate"].Text());
        // The read-only fields are the service's own, whatever the body said.
        Assert.Equal("Return", stored["type"].Text());
        Assert.Null(stored["contactId"]);
        Assert.NotEqual("mine", stored["versionTag"].Text());
        Assert.NotEqual("2020-01-01T00:00:00+00:00", stored["registeredAt"].Text());
    }

    [Theory]
    [InlineData("{}", "delivery")]
    [InlineData("""{ "delivery": { "deliveryDate": "2025-12-08" } }""", "delivery.deliveryDate")]
    [InlineData("""{ "delivery": { "trackingUri": "track/1" } }""", "delivery.trackingUri")]
    [InlineData("""{ "delivery": { "method": "DHL" }, "orderAction": { "action": "Notify", "language": "en_US!" } }""", "orderAction.language")]
    public async Task Change_delivery_reports_each_error_at_its_json_path(string body, string path)
    {
        await Create(Samples.MinimalOrder("delivery-bad"));
        var response = await client.PostJson("/api/v3/orders/delivery-bad/change-delivery", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Body())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(path), errors.ToJsonString());
        Assert.Single(errors);
    }

    [Fact]
    public async Task Get_with_a_contact_id_is_404_when_the_order_has_no_contact()
    {
        await Create(Samples.MinimalOrder("no-contact"));
        var response = await client.GetAsync("/api/v3/orders/no-contact?contactId=5b1f8f5e-4f55-4d2c-9e6c-1c2b3a4d5e6f");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Action_on_an_unknown_order_or_stale_version_is_404_and_without_contact_422()
    {
        var version = await Create(Samples.MinimalOrder("act-1"));

        Assert.Equal(HttpStatusCode.NotFound,
            (await client.PostJson("/api/v3/orders/ghost/action", """{ "action": "ConfirmOrder", "versionTag": "x" }""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await client.PostJson("/api/v3/orders/act-1/action", """{ "action": "ConfirmOrder", "versionTag": "stale" }""")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await client.PostJson("/api/v3/orders/act-1/action", $$"""{ "action": "ConfirmOrder", "versionTag": "{{version}}" }""")).StatusCode);
        var invalid = await client.PostJson("/api/v3/orders/act-1/action", """{ "language": "en US" }""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Body())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("action") && errors.ContainsKey("versionTag") && errors.ContainsKey("language"), errors.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v3/orders/ghost/actions")).StatusCode);
        Assert.Equal("[]", await (await client.GetAsync("/api/v3/orders/act-1/actions")).Content.ReadAsStringAsync());
    }
}
