using System.Net;
using Engage.Modules.Orders.JobRetention;
using Engage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Engage.Tests.Orders;

public sealed class JobRetentionTests : IDisposable
{
    private readonly EngageApp app = new(new Dictionary<string, string?>
    {
        ["Engage:Outbox:Enabled"] = "false",
        ["Engage:Orders:JobRetention"] = "00:00:02",
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Completed_jobs_are_removed_after_the_retention_and_pending_ones_are_kept()
    {
        var client = app.Client();
        var done = await client.RegisterOrder(Samples.MinimalOrder("kept-order"));
        await app.Processor.DrainAsync();
        var pending = await client.RegisterOrder(Samples.MinimalOrder("still-pending"));
        var retention = app.Services.GetRequiredService<JobRetentionJob>();

        Assert.Equal(0, await retention.RemoveExpiredAsync());
        await Task.Delay(2500);
        Assert.Equal(1, await retention.RemoveExpiredAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v3/orders/jobs/{done}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v3/orders/jobs/{pending}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v3/orders/kept-order")).StatusCode);
    }
}
