using System.Text.Json.Nodes;
using Engage.Modules.Catalog.Contracts;
using Engage.Modules.Contacts.Contracts;
using Engage.Modules.IntegrationLog.RecordEntries;
using Engage.Modules.Orders.Contracts;
using Engage.Tests.Contacts;
using Engage.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace Engage.Tests.IntegrationLog;

/// <summary>
/// Module tests of the entry handlers: each notification is delivered to its handler in a message
/// transaction, as the outbox processor does, and the entry is read back over HTTP.
/// </summary>
public sealed class RecordEntriesTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly EngageApp app = new(Stages.PumpOff);
    private readonly HttpClient client;

    public RecordEntriesTests() => client = app.Client();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_late_connection_is_an_Info_entry_naming_the_contact()
    {
        const string contactId = "6f1c2f4e-8d3b-4a51-9a55-0f6e2b7c1d20";
        await app.ToHandler("m-1", context => new ContactResolvedEntryHandler(context)
            .Handle(new OrderContactResolved("order-late", "v1", "Email", "late@example.com", contactId, LateConnection: true, At), default));

        var entry = Assert.Single(await client.Entries("order-late"))!;
        Assert.Equal("Info", entry["severity"].Text());
        Assert.Equal($"Order connected to contact {contactId}", entry["message"].Text());
        Snapshot.Match(entry.DeepClone().Scrub("id").ForSnapshot());
    }

    [Fact]
    public async Task A_connection_found_at_once_is_not_logged()
    {
        await app.ToHandler("m-1", context => new ContactResolvedEntryHandler(context)
            .Handle(new OrderContactResolved("order-found", "v1", "Email", "found@example.com", Guid.NewGuid().ToString(), LateConnection: false, At), default));

        Assert.Empty(await client.Entries("order-found"));
    }

    [Fact]
    public async Task Order_actions_triggered_and_not_triggered_are_logged()
    {
        await app.ToHandler("m-1", context => new OrderActionTriggeredEntryHandler(context)
            .Handle(new OrderActionTriggered("act-9", "order-act", "v2", "ConfirmShipment", Guid.NewGuid().ToString(), null, null, "Embedded", "job-9", At), default));
        await app.ToHandler("m-2", context => new OrderActionNotTriggeredEntryHandler(context)
            .Handle(new OrderActionNotTriggered("order-act", "v1", "ConfirmOrder", "job-8", "The order has no contact.", At.AddSeconds(-1)), default));

        var entries = await client.Entries("order-act");
        var triggered = Assert.Single(entries, e => e!["message"].Text() == "Order action triggered")!;
        Assert.Equal("Info", triggered["severity"].Text());
        Assert.Equal("job-9", triggered["jobId"].Text());
        Assert.Equal("ConfirmShipment", triggered["details"]!["action"].Text());
        Assert.Equal("act-9", triggered["details"]!["actionId"].Text());
        Assert.Equal("v2", triggered["details"]!["versionTag"].Text());
        var notTriggered = Assert.Single(entries, e => e!["message"].Text() == "Order action not triggered")!;
        Assert.Equal("Warning", notTriggered["severity"].Text());
        Assert.Equal("The order has no contact.", notTriggered["reason"].Text());
        Snapshot.Match(new JsonArray(triggered.DeepClone(), notTriggered.DeepClone()).Scrub("id").ForSnapshot());
    }

    [Fact]
    public async Task The_same_message_twice_and_the_same_fact_in_another_message_give_one_entry_each()
    {
        var checkedRefs = new OrderReferencesChecked("order-dup", "v1", ["SKU-A", "SKU-B"], "Store-1", At);

        await app.ToHandler("m-1", context => new ReferencesCheckedEntryHandler(context).Handle(checkedRefs, default));
        await app.ToHandler("m-1", context => new ReferencesCheckedEntryHandler(context).Handle(checkedRefs, default)); // redelivery: inbox
        await app.ToHandler("m-2", context => new ReferencesCheckedEntryHandler(context).Handle(checkedRefs, default)); // same facts: unique index
        await app.ToHandler("m-3", context => new ReferencesCheckedEntryHandler(context).Handle(checkedRefs with { VersionTag = "v2", MissingSkus = ["SKU-A"], MissingStoreId = null }, default));

        var entries = await client.Entries("order-dup");
        Assert.Equal(3, entries.Count(LogTexts.ArticleMissing));
        Assert.Equal(1, entries.Count(LogTexts.StoreMissing));
        Assert.Equal(2, entries.Count(e => e!["details"]!["sku"]?.GetValue<string>() == "SKU-A"));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_parked_and_logged_as_an_Error()
    {
        app.InsertOutboxMessage("bad-1", "bogus.unknown.v1", """{ "orderId": "order-bad", "jobId": "job-bad" }""");

        // Retries come due after a backoff (50 ms doubling in tests); drain until the fifth failure parks it.
        await Api.Eventually(async () =>
        {
            await app.Processor.DrainAsync();
            return (await client.Entries("order-bad")).Count == 1;
        }, "Error entry");

        var entry = (await client.Entries("order-bad"))[0]!;
        Assert.Equal("Error", entry["severity"].Text());
        Assert.Equal("Processing failed", entry["message"].Text());
        Assert.Equal("job-bad", entry["jobId"].Text());
        Assert.Equal("bogus.unknown.v1", entry["details"]!["messageType"].Text());
        Assert.Equal(5, entry["details"]!["attempts"]!.GetValue<int>());
        Assert.Contains("Unknown message type", entry["details"]!["error"].Text());
    }
}
