using System.Net;
using System.Text.Json.Nodes;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.Orders;

/// <summary>The core path: register → 202 + job → 302 → the stored order, and the 409 cases.</summary>
public sealed class RegisterOrderTests : IDisposable
{
    private readonly EngageApp app = new();
    private readonly HttpClient client;

    public RegisterOrderTests() => client = app.Client();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Accepted_order_is_202_with_job_location_then_302_to_the_stored_order()
    {
        var response = await client.PostJson("/api/v3/orders", Samples.FullOrder("order-a"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.Body();
        var jobId = job["jobId"].Text();
        Assert.Equal($"/api/v3/orders/jobs/{jobId}", response.Headers.Location!.OriginalString);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("order-a", job["orderId"].Text());
        Assert.Equal("Create", job["operation"].Text());
        Assert.Equal("Pending", job["status"].Text());

        var done = await client.WaitForJob(jobId);
        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        Assert.Equal("/api/v3/orders/order-a", done.Headers.Location!.OriginalString);
        var jobBody = await done.Body();
        Assert.Equal("Succeeded", jobBody["status"].Text());

        var order = await client.GetAsync("/api/v3/orders/order-a");
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        var stored = await order.Body();
        Assert.Equal(jobBody["versionTag"].Text(), stored["versionTag"].Text());
        Assert.Equal($"\"{stored["versionTag"].Text()}\"", order.Headers.ETag!.ToString());
        Assert.Equal("Purchase", stored["type"].Text());
        Assert.Equal(1597m, stored["lineItems"]!["subTotal"]!.GetValue<decimal>());
        Assert.Equal("2025-12-03T15:15:19+01:00", stored["createdAt"].Text());
        Assert.Null(stored["contactId"]);
        Assert.True(stored.AsObject().ContainsKey("contactId"));
    }

    [Fact]
    public async Task Second_post_of_a_stored_order_id_is_409()
    {
        var jobId = await client.RegisterOrder(Samples.MinimalOrder("dup-1"));
        Assert.Equal(HttpStatusCode.Found, (await client.WaitForJob(jobId)).StatusCode);

        var again = await client.PostJson("/api/v3/orders", Samples.MinimalOrder("dup-1"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
        var problem = await again.Body();
        Assert.Equal(409, problem["status"]!.GetValue<int>());
        Assert.Contains("dup-1", problem["detail"].Text());
    }
}
