using System.Net;
using Engage.BuildingBlocks;
using Engage.Modules.Orders;
using Engage.Modules.Orders.JobRetention;
using Engage.Tests.Infrastructure;
using Engage.Tests.IntegrationLog;
using Microsoft.Extensions.DependencyInjection;

namespace Engage.Tests.Orders;

/// <summary>
/// A job's payload (the request body as accepted) is kept in orders_job_payloads while the job is
/// pending, and removed when the job completes, succeeded or failed.
/// </summary>
public sealed class JobPayloadTests : IDisposable
{
    private readonly EngageApp app = new(new Dictionary<string, string?> { ["Engage:Outbox:Enabled"] = "false" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_pending_job_holds_the_body_as_sent_and_a_completed_job_holds_nothing()
    {
        var client = app.Client();
        const string body = """{ "orderId": "payload-1", "contact": { "matchKeyType": "email", "matchKey": "p@example.com" }, "status": "inprogress", "currencyCode": "SEK", "totalPrice": 1, "lineItems": { "items": [ { "quantity": 1, "article": { "sku": "S" }, "totalPrice": 1 } ] } }""";
        var accepted = await client.PostJson("/api/v3/orders", body);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = (await accepted.Body())["jobId"]!.GetValue<string>();
        var duplicate = await client.RegisterOrder(Samples.MinimalOrder("payload-1")); // accepted, fails 409 when stored

        Assert.Equal(body, Payload(jobId));
        Assert.Equal(2L, app.Scalar("SELECT COUNT(*) FROM orders_job_payloads"));

        await app.Processor.DrainAsync();

        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/api/v3/orders/jobs/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync($"/api/v3/orders/jobs/{duplicate}")).StatusCode);
        Assert.Equal(0L, app.Scalar("SELECT COUNT(*) FROM orders_job_payloads"));
        var order = await (await client.GetAsync("/api/v3/orders/payload-1")).Body();
        Assert.Equal("InProgress", order["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_payload_left_with_a_job_goes_when_retention_removes_the_job()
    {
        var client = app.Client();
        var jobId = await client.RegisterOrder(Samples.MinimalOrder("payload-kept"));
        // Completed without its stage (as a parked job is): its payload stays for an operator.
        using (var connection = app.OpenDatabase())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE orders_jobs SET status = 'Failed', completed_at = '2000-01-01T00:00:00.0000000+00:00' WHERE job_id = $job";
            command.Parameters.AddWithValue("$job", jobId);
            command.ExecuteNonQuery();
        }

        Assert.Equal(1, await app.Services.GetRequiredService<JobRetentionJob>().RemoveExpiredAsync());

        Assert.Equal(0L, app.Scalar("SELECT COUNT(*) FROM orders_job_payloads"));
        Assert.Equal(0L, app.Scalar("SELECT COUNT(*) FROM orders_jobs"));
    }

    [Fact]
    public async Task A_job_accepted_before_payloads_moved_to_their_own_table_is_still_carried_out()
    {
        // Orders and messaging as their earlier migrations left them, with a job pending whose
        // payload is in orders_jobs.payload, and its store message in the outbox.
        var path = OldDatabase.Create(
            OldDatabase.Migration(typeof(OrdersModule), "0001_orders") + OldDatabase.Migration(typeof(OrdersModule), "0002_actions") +
            OldDatabase.Migration(typeof(Ids), "0001_messaging") +
            OldDatabase.Applied(("orders", "0001_orders"), ("orders", "0002_actions"), ("messaging", "0001_messaging")) + """
            INSERT INTO orders_jobs (job_id, order_id, operation, status, payload, accepted_at)
            VALUES ('old-job', 'old-order', 'Create', 'Pending', $payload, '2025-01-01T00:00:00.0000000+00:00');
            INSERT INTO messaging_outbox (message_id, type, payload, created_at, next_attempt_at)
            VALUES ('old-message', 'orders.order-write-accepted.v1', '{"jobId":"old-job","orderId":"old-order"}', '2025-01-01T00:00:00Z', 0);
            """,
            ("$payload", Samples.MinimalOrder("old-order").ToJsonString()));

        using var upgraded = new EngageApp(new Dictionary<string, string?> { ["Engage:Outbox:Enabled"] = "false" }, databasePath: path);
        var client = upgraded.Client();
        Assert.Equal(1L, upgraded.Scalar("SELECT COUNT(*) FROM orders_job_payloads"));
        Assert.Equal(0L, upgraded.Scalar("SELECT COUNT(*) FROM pragma_table_info('orders_jobs') WHERE name = 'payload'"));
        Assert.Equal(0L, upgraded.Scalar("SELECT COUNT(*) FROM sqlite_sequence WHERE name = 'orders_jobs'"));
        Assert.Equal(1L, upgraded.Scalar("SELECT COUNT(*) FROM pragma_foreign_key_list('orders_job_payloads') WHERE \"table\" = 'orders_jobs' AND on_delete = 'CASCADE'"));
        Assert.Equal(2L, upgraded.Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE tbl_name = 'orders_jobs' AND name IN ('ix_orders_jobs_pending', 'ix_orders_jobs_completed')"));

        await upgraded.Processor.DrainAsync();

        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("/api/v3/orders/jobs/old-job")).StatusCode);
        var order = await (await client.GetAsync("/api/v3/orders/old-order")).Body();
        Assert.Equal("SKU-1", order["lineItems"]!["items"]![0]!["article"]!["sku"]!.GetValue<string>());
        Assert.Equal(0L, upgraded.Scalar("SELECT COUNT(*) FROM orders_job_payloads"));
        // A job accepted after the upgrade comes after the old one in acceptance order.
        await client.RegisterOrder(Samples.MinimalOrder("new-order"));
        Assert.True(upgraded.Scalar("SELECT seq FROM orders_jobs WHERE order_id = 'new-order'") > upgraded.Scalar("SELECT seq FROM orders_jobs WHERE job_id = 'old-job'"));
    }

    private string? Payload(string jobId)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT p.payload FROM orders_job_payloads p JOIN orders_jobs j ON j.seq = p.seq WHERE j.job_id = $job";
        command.Parameters.AddWithValue("$job", jobId);
        return command.ExecuteScalar() as string;
    }
}
