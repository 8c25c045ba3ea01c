using System.Net;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.Orders;

/// <summary>The contract's job table, row by row. The outbox is driven by hand so a job can be seen Pending.</summary>
public sealed class JobStatusTests : IDisposable
{
    private readonly EngageApp app = new(new Dictionary<string, string?> { ["Engage:Outbox:Enabled"] = "false" });
    private readonly HttpClient client;

    public JobStatusTests() => client = app.Client();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Pending_job_is_200_with_retry_after_and_every_field()
    {
        var jobId = await client.RegisterOrder(Samples.MinimalOrder("pending-1"));

        var response = await client.GetAsync($"/api/v3/orders/jobs/{jobId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        var job = (await response.Body()).AsObject();
        Assert.Equal(["jobId", "orderId", "operation", "status", "acceptedAt", "completedAt", "versionTag", "error"], job.Select(p => p.Key).ToArray());
        Assert.Equal("Pending", job["status"].Text());
        Assert.Null(job["completedAt"]);
        Assert.Null(job["versionTag"]);
    }

    [Fact]
    public async Task Succeeded_job_is_302_to_the_order_with_its_version_tag()
    {
        var jobId = await client.RegisterOrder(Samples.MinimalOrder("ok-1"));
        await app.Processor.DrainAsync();

        var response = await client.GetAsync($"/api/v3/orders/jobs/{jobId}");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/api/v3/orders/ok-1", response.Headers.Location!.OriginalString);
        var job = await response.Body();
        Assert.Equal("Succeeded", job["status"].Text());
        Assert.NotNull(job["completedAt"]);
        var order = await client.GetAsync("/api/v3/orders/ok-1");
        Assert.Equal(job["versionTag"].Text(), (await order.Body())["versionTag"].Text());
    }

    [Fact]
    public async Task Duplicate_accepted_before_the_first_is_stored_fails_its_job_with_409()
    {
        var first = await client.RegisterOrder(Samples.MinimalOrder("race-1"));
        var second = await client.RegisterOrder(Samples.MinimalOrder("race-1"));
        await app.Processor.DrainAsync();

        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/api/v3/orders/jobs/{first}")).StatusCode);
        var failed = await client.GetAsync($"/api/v3/orders/jobs/{second}");
        Assert.Equal(HttpStatusCode.Conflict, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType!.MediaType);
        var problem = await failed.Body();
        Assert.Equal(409, problem["status"]!.GetValue<int>());
        Assert.Equal(second, problem["jobId"].Text());
        Assert.Equal("race-1", problem["orderId"].Text());
        Assert.Equal("Failed", problem["jobStatus"].Text());
        Assert.Equal("Create", problem["operation"].Text());
    }

    [Fact]
    public async Task Unknown_job_is_404()
    {
        var response = await client.GetAsync("/api/v3/orders/jobs/0000000000000000");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Unknown_order_is_404()
    {
        var response = await client.GetAsync("/api/v3/orders/never-registered");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
