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

    [Fact]
    public async Task A_sweep_larger_than_one_chunk_removes_every_expired_job()
    {
        _ = app.Client();
        var expired = JobRetentionJob.Chunk * 2 + 5;
        using (var connection = app.OpenDatabase())
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
                INSERT INTO orders_jobs (job_id, order_id, operation, status, accepted_at, completed_at)
                SELECT 'old-job-' || i, 'old-order-' || i, 'Create', 'Succeeded', '2000-01-01T00:00:00.0000000+00:00',
                       '2000-01-01T00:00:01.0000000+00:00' FROM n
                """;
            command.Parameters.AddWithValue("$count", expired);
            command.ExecuteNonQuery();
        }

        var pending = await app.Client().RegisterOrder(Samples.MinimalOrder("pending-while-swept"));
        var retention = app.Services.GetRequiredService<JobRetentionJob>();

        Assert.Equal(expired, await retention.RemoveExpiredAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync($"/api/v3/orders/jobs/{pending}")).StatusCode);
        Assert.Equal(0, await retention.RemoveExpiredAsync());
    }
}
