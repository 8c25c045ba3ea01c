using System.Diagnostics;
using System.Net;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Messaging;
using Engage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Engage.Tests.Messaging;

/// <summary>Outbox delivery: idempotent consumers, retries with backoff, parking of poisoned messages.</summary>
public sealed class OutboxTests : IDisposable
{
    private readonly EngageApp app = new(new Dictionary<string, string?>
    {
        ["Engage:Outbox:Enabled"] = "false",
        ["Engage:Outbox:MaxAttempts"] = "3",
        ["Engage:Outbox:RetryBaseDelay"] = "00:00:00",
        // Batches are stepped one by one here: no time budget, so a batch takes everything due.
        ["Engage:Outbox:BatchTimeBudget"] = "00:01:00",
    });

    public void Dispose() => app.Dispose();

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object Value)[] parameters) => Scalar(sql, app, parameters);

    private static object? Scalar(string sql, EngageApp target, params (string Name, object Value)[] parameters)
    {
        using var connection = target.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar();
    }

    private void Seed(string messageId, string type, string payload) =>
        Execute("INSERT INTO messaging_outbox (message_id, type, payload, created_at) VALUES ($id, $type, $payload, '2025-01-01T00:00:00Z')",
            ("$id", messageId), ("$type", type), ("$payload", payload));

    [Fact]
    public async Task A_message_delivered_twice_has_one_effect()
    {
        var client = app.Client();
        await client.RegisterOrder(Samples.MinimalOrder("idem-1", "MemberNumber", "M-42"));
        await app.Processor.DrainAsync();
        const string payload = """
            { "orderId": "idem-1", "versionTag": "v", "matchKeyType": "MemberNumber", "matchKey": "M-42",
              "contactId": "5b1f8f5e-4f55-4d2c-9e6c-1c2b3a4d5e6f", "lateConnection": true, "resolvedAt": "2025-01-01T00:00:00+00:00" }
            """;
        Seed("dup-message", "contacts.order-contact-resolved.v1", payload);
        await app.Processor.DrainAsync();
        Assert.Equal("5b1f8f5e-4f55-4d2c-9e6c-1c2b3a4d5e6f", Scalar("SELECT contact_id FROM orders_orders WHERE order_id = 'idem-1'"));

        // Make a second effect observable, then deliver the very same message again.
        Execute("UPDATE orders_orders SET contact_id = NULL WHERE order_id = 'idem-1'");
        Seed("dup-message", "contacts.order-contact-resolved.v1", payload);
        await app.Processor.DrainAsync();

        Assert.Equal(DBNull.Value, Scalar("SELECT contact_id FROM orders_orders WHERE order_id = 'idem-1'"));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM messaging_inbox WHERE message_id = 'dup-message' AND handler = 'orders.connect-contact'"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM messaging_outbox WHERE message_id = 'dup-message'"));
    }

    [Fact]
    public async Task A_poisoned_message_is_retried_then_parked_and_the_next_one_still_goes_through()
    {
        var client = app.Client();
        Seed("poison", "orders.order-write-accepted.v1", "{ this is not json");
        var jobId = await client.RegisterOrder(Samples.MinimalOrder("after-poison"));

        await app.Processor.ProcessBatchAsync();

        // The good message behind the bad one was delivered in the same batch.
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/api/v3/orders/jobs/{jobId}")).StatusCode);
        Assert.Equal(1L, Scalar("SELECT attempts FROM messaging_outbox WHERE message_id = 'poison'"));
        Assert.Equal(DBNull.Value, Scalar("SELECT parked_at FROM messaging_outbox WHERE message_id = 'poison'"));

        await app.Processor.ProcessBatchAsync();
        await app.Processor.ProcessBatchAsync();

        Assert.Equal(3L, Scalar("SELECT attempts FROM messaging_outbox WHERE message_id = 'poison'"));
        Assert.NotEqual(DBNull.Value, Scalar("SELECT parked_at FROM messaging_outbox WHERE message_id = 'poison'"));
        Assert.Contains("JsonException", (string)Scalar("SELECT last_error FROM messaging_outbox WHERE message_id = 'poison'")!);
        // Parking is announced to the other modules (the integration log records it as an Error).
        var parked = (string)Scalar("SELECT payload FROM messaging_outbox WHERE type = 'messaging.message-parked.v1'")!;
        Assert.Contains("\"messageId\":\"poison\"", parked);

        // A parked message is never taken again, and does not block the queue.
        await app.Processor.DrainAsync();
        Assert.Equal(3L, Scalar("SELECT attempts FROM messaging_outbox WHERE message_id = 'poison'"));
        Assert.Equal(0, await app.Processor.ProcessBatchAsync());
    }

    [Fact]
    public async Task A_failure_in_the_middle_of_a_batch_keeps_the_messages_around_it_exactly_once()
    {
        // The batch first runs without savepoints: the poisoned message makes it roll back the first
        // order's stages, and the batch runs again with a savepoint per message.
        var client = app.Client();
        var before = await client.RegisterOrder(Samples.MinimalOrder("before-poison"));
        Seed("poison-middle", "orders.order-write-accepted.v1", "{ this is not json");
        var after = await client.RegisterOrder(Samples.MinimalOrder("after-poison-middle"));

        Assert.Equal(3, await app.Processor.ProcessBatchAsync());

        foreach (var (jobId, orderId) in new[] { (before, "before-poison"), (after, "after-poison-middle") })
        {
            var job = await client.GetAsync($"/api/v3/orders/jobs/{jobId}");
            Assert.Equal(HttpStatusCode.Found, job.StatusCode);
            var order = await client.GetAsync($"/api/v3/orders/{orderId}");
            Assert.Equal(job.Headers.Location, new Uri($"/api/v3/orders/{orderId}", UriKind.Relative));
            Assert.Equal($"\"{Scalar("SELECT version_tag FROM orders_jobs WHERE job_id = $job", ("$job", jobId))}\"", order.Headers.ETag!.Tag);
            Assert.Equal(2L, Scalar("SELECT COUNT(*) FROM integration_log_entries WHERE order_id = $order", ("$order", orderId)));
        }

        // One inbox record per order: its stored message's (the store stage). What that stage
        // published was delivered in the batch, never stored, so it needs none.
        Assert.Equal(2L, Scalar("SELECT COUNT(*) FROM messaging_inbox WHERE handler = 'orders.store-order'"));
        Assert.Equal(2L, Scalar("SELECT COUNT(*) FROM messaging_inbox"));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM messaging_outbox"));
        Assert.Equal(1L, Scalar("SELECT attempts FROM messaging_outbox WHERE message_id = 'poison-middle'"));
    }

    [Fact]
    public async Task Everything_an_order_causes_is_delivered_in_the_batch_that_stores_it()
    {
        var client = app.Client();
        var jobId = await client.RegisterOrder(Samples.MinimalOrder("one-batch", "MemberNumber", "nobody"));

        Assert.Equal(1, await app.Processor.ProcessBatchAsync());

        // Store, contact, references, integration log and the embedded-action bookkeeping all ran,
        // and none of the messages between them was ever written to the outbox.
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/api/v3/orders/jobs/{jobId}")).StatusCode);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM messaging_outbox"));
        // Only the stored message (the accepted write) is recorded in the inbox: the others were
        // never stored, so nothing can deliver them again.
        Assert.Equal("orders.store-order", Scalar("SELECT group_concat(handler) FROM messaging_inbox"));
        Assert.Equal(2L, Scalar("SELECT COUNT(*) FROM integration_log_entries WHERE order_id = 'one-batch'")); // contact and article missing
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM contacts_waiting_orders WHERE order_id = 'one-batch'"));
        Assert.Equal(0, await app.Processor.ProcessBatchAsync());
    }

    [Fact]
    public async Task A_message_published_in_a_batch_whose_delivery_fails_goes_to_the_outbox_and_is_retried_from_there()
    {
        var client = app.Client();
        var jobId = await client.RegisterOrder(Samples.MinimalOrder("bad-key", "MemberNumber", "M-7"));
        // Contacts cannot record the order as waiting for its contact (its table is away), so the
        // stored order's OrderStored cannot be delivered.
        Execute("ALTER TABLE contacts_waiting_orders RENAME TO contacts_waiting_orders_away");

        Assert.Equal(1, await app.Processor.ProcessBatchAsync());

        // The cause committed: the order is stored and its job done.
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/api/v3/orders/jobs/{jobId}")).StatusCode);
        // The failed delivery was rolled back for every handler of it (Catalog's check too) and kept in the outbox.
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM messaging_outbox"));
        Assert.Equal("orders.order-stored.v1", Scalar("SELECT type FROM messaging_outbox"));
        Assert.Equal(1L, Scalar("SELECT attempts FROM messaging_outbox"));
        Assert.Contains("contacts_waiting_orders", (string)Scalar("SELECT last_error FROM messaging_outbox")!);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM messaging_inbox WHERE handler = 'catalog.check-order-references'"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM integration_log_entries"));

        // From there it is retried like any outbox message, then parked and reported.
        await app.Processor.ProcessBatchAsync();
        await app.Processor.ProcessBatchAsync();
        Assert.Equal(3L, Scalar("SELECT attempts FROM messaging_outbox WHERE type = 'orders.order-stored.v1'"));
        Assert.NotEqual(DBNull.Value, Scalar("SELECT parked_at FROM messaging_outbox WHERE type = 'orders.order-stored.v1'"));
        await app.Processor.DrainAsync();
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM integration_log_entries WHERE severity = 'Error' AND order_id = 'bad-key'"));
    }

    [Fact]
    public async Task What_a_handler_published_is_dropped_when_a_later_handler_of_the_same_message_fails()
    {
        var client = app.Client();
        await client.RegisterOrder(Samples.MinimalOrder("half-done", "MemberNumber", "M-8"));
        // Catalog's reference check cannot run without its article table. Contacts handles the same
        // OrderStored before it and has already published OrderContactResolved by then.
        Execute("ALTER TABLE catalog_articles RENAME TO catalog_articles_away");

        Assert.Equal(1, await app.Processor.ProcessBatchAsync());

        // OrderStored failed as a whole: Contacts' effect and what it published went with it, so
        // nothing acted on a contact answer whose cause was rolled back.
        Assert.Equal("orders.order-stored.v1", Scalar("SELECT type FROM messaging_outbox"));
        Assert.Equal(1L, Scalar("SELECT attempts FROM messaging_outbox"));
        Assert.Contains("catalog_articles", (string)Scalar("SELECT last_error FROM messaging_outbox")!);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM contacts_waiting_orders"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM messaging_inbox WHERE handler IN ('contacts.connect-order-to-contact', 'orders.connect-contact', 'integration-log.record-contact-resolved')"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM integration_log_entries"));

        // Retried with the table back, every stage runs once.
        Execute("ALTER TABLE catalog_articles_away RENAME TO catalog_articles");
        Execute("UPDATE messaging_outbox SET next_attempt_at = 0");
        await app.Processor.DrainAsync();

        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM messaging_outbox"));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM contacts_waiting_orders WHERE order_id = 'half-done'"));
        // The retried OrderStored came from the outbox, so its handlers are in the inbox; what they
        // published was delivered in that batch and is not.
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM messaging_inbox WHERE handler = 'contacts.connect-order-to-contact'"));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM messaging_inbox WHERE handler = 'catalog.check-order-references'"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM messaging_inbox WHERE handler IN ('integration-log.record-contact-resolved', 'orders.connect-contact')"));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM integration_log_entries WHERE order_id = 'half-done' AND message = 'Contact is missing'"));
    }

    [Fact]
    public async Task A_job_whose_store_message_is_parked_ends_failed_instead_of_pending_forever()
    {
        var client = app.Client();
        var jobId = await client.RegisterOrder(Samples.MinimalOrder("doomed"));
        Execute("UPDATE orders_job_payloads SET payload = '{ corrupt' WHERE seq = (SELECT seq FROM orders_jobs WHERE job_id = $job)", ("$job", jobId));

        await app.Processor.DrainAsync();

        var response = await client.GetAsync($"/api/v3/orders/jobs/{jobId}");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await response.Body();
        Assert.Equal("Processing failed", problem["title"].Text());
        Assert.Equal(jobId, problem["jobId"].Text());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v3/orders/doomed")).StatusCode);
    }

    [Fact]
    public async Task A_batch_stops_taking_messages_when_its_time_budget_is_spent_and_the_rest_stay_due()
    {
        using var budgeted = new EngageApp(new Dictionary<string, string?>
        {
            ["Engage:Outbox:Enabled"] = "false",
            ["Engage:Outbox:BatchTimeBudget"] = "00:00:00",
        });
        var client = budgeted.Client();
        for (var i = 0; i < 3; i++)
        {
            await client.RegisterOrder(Samples.MinimalOrder($"budget-{i}"));
        }

        Assert.True(budgeted.Processor.AnyDue());
        Assert.Equal(1, await budgeted.Processor.ProcessBatchAsync());
        Assert.Equal(1, await budgeted.Processor.ProcessBatchAsync());
        await budgeted.Processor.DrainAsync();
        Assert.False(budgeted.Processor.AnyDue());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v3/orders/budget-{i}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_queued_client_write_is_visible_to_background_batches_and_answered_once_committed()
    {
        _ = app.Client();
        Execute("CREATE TABLE test_client_writes (x INTEGER)");
        var db = app.Db;
        var groupCommit = app.Services.GetRequiredService<GroupCommit>();
        await db.WriteGate.WaitAsync();
        var write = groupCommit.WriteAsync((sql, transaction) => sql.Execute(transaction, "INSERT INTO test_client_writes (x) VALUES (1)"));

        Assert.True(groupCommit.Waiting);
        Assert.False(write.IsCompleted);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM test_client_writes"));

        db.WriteGate.Release();
        Assert.Equal(1, await write);
        Assert.False(groupCommit.Waiting);
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM test_client_writes"));
    }

    [Fact]
    public async Task A_batch_gives_way_to_a_client_write_by_committing_it_with_its_own_work_then_pauses_and_the_rest_still_drains()
    {
        using var paced = new EngageApp(new Dictionary<string, string?>
        {
            ["Engage:Outbox:Enabled"] = "false",
            ["Engage:Outbox:YieldAfter"] = "00:00:00",
            ["Engage:Outbox:YieldPause"] = "00:00:01",
        });
        var client = paced.Client();
        for (var i = 0; i < 3; i++)
        {
            await client.RegisterOrder(Samples.MinimalOrder($"paced-{i}"));
        }

        // The processor queues for the lock first (DrainAsync returns at its first wait, on the
        // lock), then a client's order is queued for the group commit: the processor's batch sees it
        // waiting, takes one message, then runs the client's write and commits both.
        var db = paced.Db;
        var groupCommit = paced.Services.GetRequiredService<GroupCommit>();
        await db.WriteGate.WaitAsync();
        var drain = paced.Processor.DrainAsync();
        var post = client.RegisterOrder(Samples.MinimalOrder("paced-client"));
        var queued = Stopwatch.StartNew();
        while (!groupCommit.Waiting && queued.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
        }

        Assert.True(groupCommit.Waiting);
        db.WriteGate.Release();
        var jobId = await post;
        var clientIn = Stopwatch.StartNew();
        Assert.True(paced.Processor.LastBatchGaveWay);
        // One of the three stored, and the client's job accepted, by the same commit.
        Assert.Equal(3L, Scalar("SELECT COUNT(*) FROM orders_jobs WHERE status = 'Pending'", paced));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM orders_jobs WHERE job_id = $job AND status = 'Pending'", paced, ("$job", jobId)));

        await drain;

        Assert.True(clientIn.Elapsed >= TimeSpan.FromMilliseconds(900), $"the next batch came after {clientIn.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM orders_jobs WHERE status = 'Pending'", paced));
        Assert.False(paced.Processor.AnyDue());
    }

    [Fact]
    public async Task Inbox_records_are_removed_after_their_retention_in_chunks_and_recent_ones_are_kept()
    {
        var client = app.Client();
        var before = DateTimeOffset.UtcNow;
        await client.RegisterOrder(Samples.MinimalOrder("inbox-kept"));
        await app.Processor.DrainAsync();
        var after = DateTimeOffset.UtcNow;
        var recent = (long)Scalar("SELECT COUNT(*) FROM messaging_inbox")!;
        Assert.True(recent > 0);

        // The sweep relies on message ids starting with their creation time (UUIDv7, "N" form).
        var id = (string)Scalar("SELECT message_id FROM messaging_inbox WHERE handler = 'orders.store-order'")!;
        Assert.InRange(string.CompareOrdinal(id[..12], InboxRetentionJob.IdPrefix(before)), 0, int.MaxValue);
        Assert.InRange(string.CompareOrdinal(id[..12], InboxRetentionJob.IdPrefix(after)), int.MinValue, 0);

        // More expired records than one chunk, from messages created and processed eight days ago.
        var old = DateTimeOffset.UtcNow.AddDays(-8);
        var expired = InboxRetentionJob.Chunk * 2 + 17;
        Execute(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO messaging_inbox (message_id, handler, processed_at)
            SELECT $prefix || printf('%020d', i), 'orders.store-order', $at FROM n
            """,
            ("$count", expired), ("$prefix", InboxRetentionJob.IdPrefix(old)), ("$at", old.ToString("O")));
        // Created eight days ago but processed just now: kept, retention counts from processing.
        Execute("INSERT INTO messaging_inbox (message_id, handler, processed_at) VALUES ($id, 'orders.store-order', $at)",
            ("$id", InboxRetentionJob.IdPrefix(old) + "late"), ("$at", DateTimeOffset.UtcNow.ToString("O")));
        var retention = app.Services.GetRequiredService<InboxRetentionJob>();

        var removed = await retention.RemoveExpiredAsync();

        Assert.Equal(expired, removed);
        Assert.Equal(recent + 1, Scalar("SELECT COUNT(*) FROM messaging_inbox"));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM messaging_inbox WHERE message_id = $id", ("$id", InboxRetentionJob.IdPrefix(old) + "late")));
        Assert.Equal(0, await retention.RemoveExpiredAsync());
    }

    [Fact]
    public async Task A_failed_message_waits_for_its_backoff()
    {
        using var slow = new EngageApp(new Dictionary<string, string?>
        {
            ["Engage:Outbox:Enabled"] = "false",
            ["Engage:Outbox:RetryBaseDelay"] = "01:00:00",
        });
        using (var connection = new SqliteConnection($"Data Source={slow.DatabasePath}"))
        {
            _ = slow.Client();
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO messaging_outbox (message_id, type, payload, created_at) VALUES ('bad', 'no.such-type.v1', '{}', 'x')";
            command.ExecuteNonQuery();
        }

        Assert.Equal(1, await slow.Processor.ProcessBatchAsync());
        Assert.Equal(0, await slow.Processor.ProcessBatchAsync());
    }
}
