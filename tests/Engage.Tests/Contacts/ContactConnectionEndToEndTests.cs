using System.Net;
using Engage.Tests.Infrastructure;
using Engage.Tests.IntegrationLog;

namespace Engage.Tests.Contacts;

/// <summary>
/// Through the API only, with the real pump: each match-key type connects an order to its
/// contact; a missing contact is a warning, then a late connection; deleting the contact deletes
/// its orders and masks its personal data in the log (GDPR).
/// </summary>
public sealed class ContactConnectionEndToEndTests : IDisposable
{
    private readonly EngageApp app = new();

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData("Email", "Connect.Me@Example.com")]
    [InlineData("MobilePhone", "+46 (70) 555-44 33")]
    [InlineData("MemberNumber", "member-555")]
    [InlineData("ExternalId", "external-555")]
    [InlineData("SocialSecurityNumber", "19550505-5555")]
    [InlineData("ContactId", null)]
    public async Task Each_match_key_type_connects_the_order_to_its_contact(string type, string? key)
    {
        var client = app.Client();
        var contact = await client.RegisterContact("""
            { "email": "connect.me@example.com", "mobilePhone": "+46705554433", "memberNumber": "member-555",
              "externalId": "external-555", "socialSecurityNumber": "19550505-5555" }
            """);
        var contactId = contact["contactId"].Text();
        var orderId = Samples.NewId();

        await client.StoreOrder(Samples.MinimalOrder(orderId, type, key ?? contactId));

        await Api.Eventually(async () => await client.ContactIdOf(orderId) == contactId, $"{orderId} connected by {type}");
    }

    [Fact]
    public async Task Missing_contact_warning_then_late_connection_then_gdpr_delete()
    {
        var client = app.Client();
        var orderId = Samples.NewId();
        await client.StoreOrder(Samples.MinimalOrder(orderId, "Email", "Late@Example.com"));
        await Api.Eventually(async () => (await client.Entries(orderId)).Count(LogTexts.ContactMissing) == 1, "the Contact is missing warning");

        var contactId = (await client.RegisterContact("""{ "email": "late@example.com" }"""))["contactId"].Text();
        await Api.Eventually(async () => await client.ContactIdOf(orderId) == contactId, "the late connection");
        await Api.Eventually(async () => (await client.Entries(orderId)).Count($"Order connected to contact {contactId}") == 1, "the Info entry");
        await app.Processor.DrainAsync();
        var entries = await client.Entries(orderId);
        Assert.True(entries.Count == 3, entries.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v3/contacts/{contactId}")).StatusCode);

        await Api.Eventually(async () => (await client.GetAsync($"/api/v3/orders/{orderId}")).StatusCode == HttpStatusCode.NotFound, "the contact's order is deleted");
        await Api.Eventually(async () => !(await client.Entries(orderId)).ToJsonString().Contains("Late@Example.com"), "the match key is masked in the log");
        Assert.DoesNotContain(contactId, (await client.Entries(orderId)).ToJsonString());
    }
}
