using System.Net;
using System.Text.Json.Nodes;
using Engage.Tests.Infrastructure;
using Engage.Tests.IntegrationLog;
using Snapshooter.Xunit;

namespace Engage.Tests.Contacts;

/// <summary>The contact endpoints: register, get, find by match key, delete, and their failures.</summary>
public sealed class ContactsTests : IDisposable
{
    private readonly EngageApp app = new();
    private readonly HttpClient client;

    public ContactsTests() => client = app.Client();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Register_is_201_with_location_and_the_contact_which_get_returns()
    {
        var response = await client.PostJson("/api/v3/contacts", """
            { "email": "  Jane.Doe@Example.com ", "mobilePhone": "+46 (70) 123-45 67", "memberNumber": "M-1",
              "externalId": "ext-1", "socialSecurityNumber": "19800101-1234", "firstName": "Jane", "lastName": "Doe" }
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var contact = await response.Body();
        var contactId = contact["contactId"].Text();
        Assert.True(Guid.TryParse(contactId, out _));
        Assert.Equal($"/api/v3/contacts/{contactId}", response.Headers.Location!.OriginalString);
        Assert.Equal("Jane.Doe@Example.com", contact["email"].Text());
        Assert.Equal("+46701234567", contact["mobilePhone"].Text());
        Assert.True(DateTimeOffset.TryParse(contact["createdAt"].Text(), out _));

        var get = await client.GetAsync($"/api/v3/contacts/{contactId}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(contact.ToJsonString(), (await get.Body()).ToJsonString());
        Snapshot.Match(contact.Scrub("contactId", "createdAt").ForSnapshot());
    }

    [Fact]
    public async Task A_contact_without_identifiers_is_400()
    {
        var response = await client.PostJson("/api/v3/contacts", """{ "firstName": "Nobody" }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Body();
        Assert.Contains("at least one identifier", problem["errors"]!["$"]![0].Text());
    }

    [Fact]
    public async Task Every_field_error_is_reported_at_once_keyed_by_json_path()
    {
        var response = await client.PostJson("/api/v3/contacts", $$"""
            { "email": "not-an-email", "mobilePhone": "070-123 45 67", "memberNumber": " ",
              "externalId": "{{new string('x', 257)}}", "firstName": "{{new string('f', 101)}}", "lastName": "{{new string('l', 101)}}" }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Body())["errors"]!.AsObject();
        Assert.Equal(["email", "externalId", "firstName", "lastName", "memberNumber", "mobilePhone"], errors.Select(e => e.Key).Order());
        Assert.Contains("start with '+'", errors["mobilePhone"]![0].Text());
    }

    [Theory]
    [InlineData("+46 70")]
    [InlineData("+46 70 123 45 67 89 01 23")]
    [InlineData("+46 70 123 45 6x")]
    public async Task A_mobile_number_that_is_not_E164_after_cleaning_is_400(string mobilePhone)
    {
        var response = await client.PostJson("/api/v3/contacts", new JsonObject { ["mobilePhone"] = mobilePhone });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Body())["errors"]!["mobilePhone"]);
    }

    [Fact]
    public async Task Unknown_properties_such_as_a_client_chosen_contactId_are_400()
    {
        var response = await client.PostJson("/api/v3/contacts", $$"""{ "contactId": "{{Guid.NewGuid()}}", "email": "a@example.com" }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Body())["errors"]!["contactId"]);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var response = await client.PostAsync("/api/v3/contacts", new StringContent("email=a@example.com"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task An_email_differing_only_in_case_and_spaces_is_409_naming_the_identifier()
    {
        await client.RegisterContact("""{ "email": "dup@example.com" }""");

        var response = await client.PostJson("/api/v3/contacts", """{ "email": " DUP@Example.COM ", "memberNumber": "fresh" }""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (await response.Body())["detail"].Text();
        Assert.Contains("email", detail);
        Assert.Contains("dup@example.com", detail);
        Assert.DoesNotContain("memberNumber", detail);
    }

    [Fact]
    public async Task A_mobile_number_in_another_format_is_the_same_number_409()
    {
        await client.RegisterContact("""{ "mobilePhone": "+46701112233" }""");

        var response = await client.PostJson("/api/v3/contacts", """{ "mobilePhone": "+46 (70) 111-22 33" }""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("mobilePhone", (await response.Body())["detail"].Text());
    }

    [Fact]
    public async Task Other_identifiers_are_compared_exactly()
    {
        await client.RegisterContact("""{ "memberNumber": "abc" }""");

        await client.RegisterContact("""{ "memberNumber": "ABC" }""");
        var again = await client.PostJson("/api/v3/contacts", """{ "memberNumber": "abc" }""");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("Email", "FIND@example.com ")]
    [InlineData("email", "find@example.com")]
    [InlineData("MobilePhone", "+46 (70) 999-88 77")]
    [InlineData("MemberNumber", "find-member")]
    [InlineData("ExternalId", "find-ext")]
    [InlineData("SocialSecurityNumber", "19700101-0000")]
    public async Task Find_by_match_key_normalises_like_the_register(string matchKeyType, string matchKey)
    {
        var contact = await client.RegisterContact("""
            { "email": "find@example.com", "mobilePhone": "+46709998877", "memberNumber": "find-member",
              "externalId": "find-ext", "socialSecurityNumber": "19700101-0000" }
            """);

        var response = await client.GetAsync($"/api/v3/contacts?matchKeyType={matchKeyType}&matchKey={Uri.EscapeDataString(matchKey)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contact["contactId"].Text(), (await response.Body())["contactId"].Text());
    }

    [Fact]
    public async Task Find_by_mobile_number_accepts_an_unencoded_plus()
    {
        var contact = await client.RegisterContact("""{ "mobilePhone": "+46701231231" }""");

        var response = await client.GetAsync("/api/v3/contacts?matchKeyType=MobilePhone&matchKey=+46701231231");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contact["contactId"].Text(), (await response.Body())["contactId"].Text());
    }

    [Fact]
    public async Task Find_by_contactId_works_too()
    {
        var contact = await client.RegisterContact("""{ "externalId": "by-id" }""");

        var response = await client.GetAsync($"/api/v3/contacts?matchKeyType=ContactId&matchKey={contact["contactId"].Text().ToUpperInvariant()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("?matchKey=a@example.com", "matchKeyType")]
    [InlineData("?matchKeyType=CardId&matchKey=1", "matchKeyType")]
    [InlineData("?matchKeyType=Email", "matchKey")]
    [InlineData("", "matchKeyType")]
    public async Task Find_without_a_known_type_or_a_key_is_400(string query, string error)
    {
        var response = await client.GetAsync($"/api/v3/contacts{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Body())["errors"]![error]);
    }

    [Fact]
    public async Task Find_of_an_unknown_key_is_404()
    {
        var response = await client.GetAsync("/api/v3/contacts?matchKeyType=Email&matchKey=nobody@example.com");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("not-a-guid")]
    public async Task Get_of_an_unknown_contact_is_404(string contactId)
    {
        var response = await client.GetAsync($"/api/v3/contacts/{contactId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Delete_is_204_then_the_contact_is_gone_and_its_identifiers_are_free()
    {
        var contact = await client.RegisterContact("""{ "email": "gone@example.com" }""");
        var contactId = contact["contactId"].Text();

        var delete = await client.DeleteAsync($"/api/v3/contacts/{contactId}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v3/contacts/{contactId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v3/contacts/{contactId}")).StatusCode);
        await client.RegisterContact("""{ "email": "gone@example.com" }""");
    }
}
