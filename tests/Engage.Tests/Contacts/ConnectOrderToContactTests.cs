using System.Net;
using System.Text.Json.Nodes;
using Engage.Tests.Infrastructure;
using Engage.Tests.IntegrationLog;
using Snapshooter.Xunit;

namespace Engage.Tests.Contacts;

/// <summary>Stage 2: a stored order is connected to its contact, now or when the contact is registered later.</summary>
public sealed class ConnectOrderToContactTests : IDisposable
{
    private const string Resolved = "contacts.order-contact-resolved.v1";

    private readonly EngageApp app = new();
    private readonly HttpClient client;

    public ConnectOrderToContactTests() => client = app.Client();

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData("Email", "Connect.Me@Example.com")]
    [InlineData("MobilePhone", "+46 (70) 555-44 33")]
    [InlineData("MemberNumber", "member-555")]
    [InlineData("ExternalId", "external-555")]
    [InlineData("SocialSecurityNumber", "19550505-5555")]
    [InlineData("ContactId", null)]
    public async Task Each_match_key_type_resolves_the_order_to_the_registered_contact(string matchKeyType, string? matchKey)
    {
        using var stepped = new EngageApp(Stages.PumpOff);
        var steppedClient = stepped.Client();
        var contact = await steppedClient.RegisterContact("""
            { "email": "connect.me@example.com", "mobilePhone": "+46705554433", "memberNumber": "member-555",
              "externalId": "external-555", "socialSecurityNumber": "19550505-5555" }
            """);
        var contactId = contact["contactId"].Text();
        var orderId = Samples.NewId();
        var key = matchKey ?? contactId.ToUpperInvariant();
        await steppedClient.RegisterOrder(Samples.MinimalOrder(orderId, matchKeyType, key));

        await stepped.RunStoreAndStages();

        var answer = Assert.Single(stepped.Pending(Resolved));
        Assert.Equal(orderId, answer["orderId"].Text());
        Assert.Equal(contactId, answer["contactId"].Text());
        Assert.Equal(matchKeyType, answer["matchKeyType"].Text());
        Assert.Equal(key, answer["matchKey"].Text()); // as received: Orders matches on the raw key
        Assert.False(answer["lateConnection"]!.GetValue<bool>());
        Assert.Equal(0, stepped.Scalar("SELECT COUNT(*) FROM contacts_waiting_orders"));
    }

    [Fact]
    public async Task An_unknown_match_key_resolves_to_null_and_the_order_waits()
    {
        using var stepped = new EngageApp(Stages.PumpOff);
        var orderId = Samples.NewId();
        await stepped.Client().RegisterOrder(Samples.MinimalOrder(orderId, "MemberNumber", "nobody-yet"));

        await stepped.RunStoreAndStages();

        var answer = Assert.Single(stepped.Pending(Resolved));
        Assert.Null(answer["contactId"]);
        Assert.Equal(1, stepped.Scalar("SELECT COUNT(*) FROM contacts_waiting_orders WHERE order_id = $id AND lookup_key = 'nobody-yet'", ("$id", orderId)));
    }

    [Fact]
    public async Task An_order_without_a_contact_is_warned_about_once_and_stops_waiting_when_the_contact_is_registered()
    {
        var orderId = Samples.NewId();
        await client.StoreOrder(Samples.MinimalOrder(orderId, "Email", "Late.Comer@Example.com"));

        await Api.Eventually(async () => (await client.Entries(orderId)).Count(LogTexts.ContactMissing) == 1, "Contact is missing");
        var warning = (await client.Entries(orderId)).Single(e => e!["message"].Text() == LogTexts.ContactMissing)!;
        Assert.Equal("Warning", warning["severity"].Text());
        Assert.Equal("No contact is found when using the supplied contact data identifiers.", warning["reason"].Text());
        Assert.Equal("Correct the identifiers or register the contact first and then send in order again.", warning["proposedAction"].Text());
        Assert.Equal("Late.Comer@Example.com", warning["details"]!["matchKey"].Text());
        Assert.Equal(1, app.Scalar("SELECT COUNT(*) FROM contacts_waiting_orders WHERE order_id = $id", ("$id", orderId)));

        await client.RegisterContact("""{ "email": "late.comer@example.com" }""");

        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM contacts_waiting_orders")); // same transaction as the insert
        await app.Processor.DrainAsync();
        Assert.Equal(1, (await client.Entries(orderId)).Count(LogTexts.ContactMissing));
        Snapshot.Match(warning.DeepClone().Scrub("id", "timestamp", "orderId", "versionTag").ForSnapshot());
    }

    [Fact]
    public async Task A_late_connection_is_published_in_the_same_transaction_as_the_contact()
    {
        using var stepped = new EngageApp(Stages.PumpOff);
        var steppedClient = stepped.Client();
        var orderId = Samples.NewId();
        await steppedClient.RegisterOrder(Samples.MinimalOrder(orderId, "MobilePhone", "+46 70-100 20 30"));
        await stepped.Processor.DrainAsync();

        var contact = await steppedClient.RegisterContact("""{ "mobilePhone": "+46701002030" }""");

        var answer = Assert.Single(stepped.Pending(Resolved));
        Assert.Equal(contact["contactId"].Text(), answer["contactId"].Text());
        Assert.Equal("+46 70-100 20 30", answer["matchKey"].Text());
        Assert.True(answer["lateConnection"]!.GetValue<bool>());
        Assert.Equal(0, stepped.Scalar("SELECT COUNT(*) FROM contacts_waiting_orders"));
    }

    [Fact]
    public async Task A_contact_registered_later_with_another_kind_of_identifier_does_not_connect()
    {
        var orderId = Samples.NewId();
        await client.StoreOrder(Samples.MinimalOrder(orderId, "ExternalId", "ext-waiting"));
        await Api.Eventually(async () => (await client.Entries(orderId)).Count(LogTexts.ContactMissing) == 1, "warning");

        await client.RegisterContact("""{ "memberNumber": "ext-waiting" }""");
        await app.Processor.DrainAsync();

        Assert.Equal(1, app.Scalar("SELECT COUNT(*) FROM contacts_waiting_orders WHERE order_id = $id", ("$id", orderId)));
        Assert.Equal(0, (await client.Entries(orderId)).Count(e => e!["severity"].Text() == "Info"));
    }

    [Fact]
    public async Task A_deleted_order_stops_waiting()
    {
        using var stepped = new EngageApp(Stages.PumpOff);
        var orderId = Samples.NewId();
        await stepped.Client().RegisterOrder(Samples.MinimalOrder(orderId, "MemberNumber", "deleted-waiting"));
        await stepped.Processor.DrainAsync();
        Assert.Equal(1, stepped.Scalar("SELECT COUNT(*) FROM contacts_waiting_orders WHERE order_id = $id", ("$id", orderId)));

        stepped.InsertOutboxMessage(Guid.NewGuid().ToString("N"), "orders.order-deleted.v1",
            $$"""{ "orderId": "{{orderId}}", "jobId": null, "contactId": null, "reason": "Deleted by the client", "deletedAt": "2026-01-01T00:00:00+00:00" }""");
        await stepped.Processor.DrainAsync();

        Assert.Equal(0, stepped.Scalar("SELECT COUNT(*) FROM contacts_waiting_orders"));
    }

    [Fact]
    public async Task Deleting_a_contact_masks_its_identifiers_in_the_log()
    {
        var orderId = Samples.NewId();
        await client.StoreOrder(Samples.MinimalOrder(orderId, "MobilePhone", "+46 70-777 66 55"));
        await Api.Eventually(async () => (await client.Entries(orderId)).Count(LogTexts.ContactMissing) == 1, "warning");
        var contact = await client.RegisterContact("""{ "mobilePhone": "+46707776655", "email": "gdpr@example.com" }""");
        var contactId = contact["contactId"].Text();
        // An Info entry naming the contact, delivered straight to the log's handler (under another order,
        // so this test does not depend on Orders accepting the late connection).
        var otherOrderId = Samples.NewId();
        await app.ToHandler(Guid.NewGuid().ToString("N"), context => new Engage.Modules.IntegrationLog.RecordEntries.ContactResolvedEntryHandler(context)
            .Handle(new Engage.Modules.Contacts.Contracts.OrderContactResolved(otherOrderId, "v-late", "MobilePhone", "+46 70-777 66 55", contactId, true, DateTimeOffset.UtcNow), default));
        Assert.Equal(1, (await client.Entries(otherOrderId)).Count($"Order connected to contact {contactId}"));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v3/contacts/{contactId}")).StatusCode);

        await Api.Eventually(async () => !(await client.Entries(otherOrderId)).ToJsonString().Contains(contactId), "log masked");
        var entries = await client.Entries(orderId);
        var other = await client.Entries(otherOrderId);
        foreach (var text in new[] { entries.ToJsonString(), other.ToJsonString() })
        {
            Assert.DoesNotContain("70-777 66 55", text);
            Assert.DoesNotContain("46707776655", text);
            Assert.DoesNotContain(contactId, text);
        }

        var warning = Assert.Single(entries, e => e!["message"].Text() == LogTexts.ContactMissing)!;
        Assert.Equal("***", warning["details"]!["matchKey"].Text());
        Assert.Equal("MobilePhone", warning["details"]!["matchKeyType"].Text());
        var info = Assert.Single(other, e => e!["message"].Text() == "Order connected to contact ***")!;
        Assert.Equal("***", info["details"]!["contactId"].Text());
        Assert.Equal("***", info["details"]!["matchKey"].Text());
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM contacts_resolved_keys"));
    }
}

internal static class LogTexts
{
    public const string ContactMissing = "Contact is missing";
    public const string ArticleMissing = "Article is missing";
    public const string StoreMissing = "Store is missing";
}
