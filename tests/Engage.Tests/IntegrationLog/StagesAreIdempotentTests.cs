using System.Net;
using Engage.Tests.Contacts;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.IntegrationLog;

/// <summary>
/// Stages 2 and 3 run at least once and have their effect once: a redelivered message is skipped
/// by the inbox, and work accepted before a crash is finished by the next process, once.
/// </summary>
public sealed class StagesAreIdempotentTests : IDisposable
{
    private readonly List<string> databases = [];

    public void Dispose()
    {
        foreach (var path in databases)
        {
            EngageApp.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task A_redelivered_OrderStored_has_its_effects_once()
    {
        using var app = new EngageApp(Stages.PumpOff);
        var client = app.Client();
        const string payload = """
            { "orderId": "order-hand", "versionTag": "v1", "jobId": "job-hand", "operation": "Create",
              "matchKeyType": "Email", "matchKey": "hand@example.com", "externalStoreId": "Store-X",
              "skus": [ "SKU-X", "SKU-Y" ], "storedAt": "2026-01-01T00:00:00+00:00" }
            """;

        app.InsertOutboxMessage("stored-1", "orders.order-stored.v1", payload);
        await app.Processor.DrainAsync();
        app.InsertOutboxMessage("stored-1", "orders.order-stored.v1", payload); // the same message again, after it was delivered
        await app.Processor.DrainAsync();

        var entries = await client.Entries("order-hand");
        Assert.Equal(1, entries.Count(LogTexts.ContactMissing));
        Assert.Equal(2, entries.Count(LogTexts.ArticleMissing));
        Assert.Equal(1, entries.Count(LogTexts.StoreMissing));
        Assert.Equal(4, entries.Count);
        Assert.Equal(1, app.Scalar("SELECT COUNT(*) FROM contacts_waiting_orders"));
        Assert.Equal(1, app.Scalar("SELECT COUNT(*) FROM messaging_inbox WHERE message_id = 'stored-1' AND handler = 'contacts.connect-order-to-contact'"));
        Assert.Equal(1, app.Scalar("SELECT COUNT(*) FROM messaging_inbox WHERE message_id = 'stored-1' AND handler = 'catalog.check-order-references'"));
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM messaging_outbox"));
    }

    [Fact]
    public async Task An_order_accepted_before_a_crash_goes_through_every_stage_once_after_restart()
    {
        var orderId = Samples.NewId();
        string databasePath;
        using (var before = new EngageApp(Stages.PumpOff) { KeepDatabase = true })
        {
            databasePath = before.DatabasePath;
            databases.Add(databasePath);
            await before.Client().RegisterOrder(Samples.FullOrder(orderId, email: "crash@example.com"));
        }

        using var after = new EngageApp(Stages.PumpOff, databasePath) { KeepDatabase = true };
        var client = after.Client();
        await after.Processor.DrainAsync();
        await after.Processor.DrainAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v3/orders/{orderId}")).StatusCode);
        var entries = await client.Entries(orderId);
        Assert.Equal(1, entries.Count(LogTexts.ContactMissing));
        Assert.Equal(2, entries.Count(LogTexts.ArticleMissing));
        Assert.Equal(1, entries.Count(LogTexts.StoreMissing));
        Assert.Equal(4, entries.Count);
        Assert.Equal(1, after.Scalar("SELECT COUNT(*) FROM contacts_waiting_orders WHERE order_id = $id", ("$id", orderId)));
        Assert.Equal(0, after.Scalar("SELECT COUNT(*) FROM messaging_outbox"));
    }
}
