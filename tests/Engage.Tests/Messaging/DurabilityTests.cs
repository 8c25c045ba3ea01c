using System.Net;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.Messaging;

/// <summary>A 202 is a promise: the accepted write survives a restart that happens before processing.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task A_job_accepted_before_a_restart_completes_after_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "engage-tests", $"{Guid.NewGuid():N}.db");
        string jobId;
        using (var before = new EngageApp(new Dictionary<string, string?> { ["Engage:Outbox:Enabled"] = "false" }, path) { KeepDatabase = true })
        {
            jobId = await before.Client().RegisterOrder(Samples.MinimalOrder("survivor"));
            Assert.Equal(HttpStatusCode.OK, (await before.Client().GetAsync($"/api/v3/orders/jobs/{jobId}")).StatusCode);
        }

        using var after = new EngageApp(databasePath: path);
        var client = after.Client();
        var done = await client.WaitForJob(jobId);

        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v3/orders/survivor")).StatusCode);
    }
}
