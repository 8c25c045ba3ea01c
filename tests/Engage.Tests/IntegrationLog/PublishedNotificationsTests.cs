using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engage.Modules.Catalog;
using Engage.Modules.Catalog.Contracts;
using Engage.Modules.Contacts;
using Engage.Modules.Contacts.Contracts;
using Engage.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace Engage.Tests.IntegrationLog;

/// <summary>
/// One sample of every notification Contacts and Catalog store in the outbox: a snapshot diff is a
/// change of a stored message format. And the new endpoints are in the OpenAPI document.
/// </summary>
public sealed class PublishedNotificationsTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 10, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Order_contact_resolved_payload()
    {
        var json = JsonSerializer.Serialize(
            new OrderContactResolved("order-1", "IXUA3ril8XnZJKUMSfP7dg==", "Email", "John@Example.com", "6f1c2f4e-8d3b-4a51-9a55-0f6e2b7c1d20", true, At),
            ContactsJsonContext.Api.OrderContactResolved);

        Snapshot.Match(JsonNode.Parse(json)!.ForSnapshot());
    }

    [Fact]
    public void Contact_deleted_payload()
    {
        var json = JsonSerializer.Serialize(
            new ContactDeleted("6f1c2f4e-8d3b-4a51-9a55-0f6e2b7c1d20", ["6f1c2f4e-8d3b-4a51-9a55-0f6e2b7c1d20", "john@example.com", "+46701234567"], At),
            ContactsJsonContext.Api.ContactDeleted);

        Snapshot.Match(JsonNode.Parse(json)!.ForSnapshot());
    }

    [Fact]
    public void Order_references_checked_payload()
    {
        var json = JsonSerializer.Serialize(
            new OrderReferencesChecked("order-1", "IXUA3ril8XnZJKUMSfP7dg==", ["SKU-SOCK"], "Ecom-Europe", At),
            CatalogJsonContext.Api.OrderReferencesChecked);

        Snapshot.Match(JsonNode.Parse(json)!.ForSnapshot());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_new_endpoints()
    {
        using var app = new EngageApp();
        var response = await app.Client(apiKey: null).GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Body();
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/api/v3/contacts", "/api/v3/contacts/{contactId}", "/api/v3/articles/{sku}", "/api/v3/stores/{externalStoreId}", "/api/v3/integration-log" })
        {
            Assert.True(paths.ContainsKey(path), $"{path} is missing from the OpenAPI document");
        }

        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var schema in new[] { "Contact", "RegisterContactRequest", "Article", "Store", "LogPage", "LogEntry" })
        {
            Assert.True(schemas.ContainsKey(schema), $"schema {schema} is missing");
        }
    }
}
