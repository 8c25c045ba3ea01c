using System.Net;
using System.Text.Json.Nodes;
using Engage.Tests.Infrastructure;
using Engage.Tests.IntegrationLog;
using Snapshooter.Xunit;

namespace Engage.Tests.Catalog;

/// <summary>The article and store registers: PUT (201/200), GET, DELETE, and the 400s.</summary>
public sealed class ArticlesAndStoresTests : IDisposable
{
    private readonly EngageApp app = new();
    private readonly HttpClient client;

    public ArticlesAndStoresTests() => client = app.Client();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Article_put_creates_then_replaces_get_returns_it_and_delete_removes_it()
    {
        var created = await client.PutJson("/api/v3/articles/SKU-RED-42", JsonNode.Parse("""
            { "name": "Running shoe", "description": "Red, size 42",
              "imageUri": "https://shop.example.com/img/red-42.png", "targetUri": "https://shop.example.com/p/red-42" }
            """)!);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v3/articles/SKU-RED-42", created.Headers.Location!.OriginalString);
        var body = await created.Body();
        Assert.Equal("SKU-RED-42", body["sku"].Text());
        Snapshot.Match(body.ForSnapshot());

        var replaced = await client.PutJson("/api/v3/articles/SKU-RED-42", JsonNode.Parse("""{ "sku": "SKU-RED-42", "name": "Running shoe v2" }""")!);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var get = await client.GetAsync("/api/v3/articles/SKU-RED-42");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var stored = await get.Body();
        Assert.Equal("Running shoe v2", stored["name"].Text());
        Assert.Null(stored["description"]); // a PUT replaces the whole article

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v3/articles/SKU-RED-42")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v3/articles/SKU-RED-42")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/v3/articles/SKU-RED-42")).StatusCode);
    }

    [Fact]
    public async Task Article_errors_are_all_reported_at_once()
    {
        var response = await client.PutJson("/api/v3/articles/SKU-1", JsonNode.Parse($$"""
            { "sku": "SKU-2", "name": "{{new string('n', 256)}}", "description": "{{new string('d', 2001)}}",
              "imageUri": "ftp://example.com/a.png", "targetUri": "/relative" }
            """)!);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Body())["errors"]!.AsObject();
        Assert.Equal(["description", "imageUri", "name", "sku", "targetUri"], errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task Article_unknown_property_is_400()
    {
        var response = await client.PutJson("/api/v3/articles/SKU-1", JsonNode.Parse("""{ "price": 10 }""")!);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Body())["errors"]!["price"]);
    }

    [Fact]
    public async Task Store_put_creates_then_replaces_get_returns_it_and_delete_removes_it()
    {
        var created = await client.PutJson("/api/v3/stores/Ecom-Europe", JsonNode.Parse("""{ "name": "Web shop Europe", "countryCode": "se" }""")!);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v3/stores/Ecom-Europe", created.Headers.Location!.OriginalString);
        var body = await created.Body();
        Assert.Equal("SE", body["countryCode"].Text());
        Snapshot.Match(body.ForSnapshot());

        var replaced = await client.PutJson("/api/v3/stores/Ecom-Europe", JsonNode.Parse("""{ "externalStoreId": "Ecom-Europe", "name": "Europe", "countryCode": "DE" }""")!);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var stored = await (await client.GetAsync("/api/v3/stores/Ecom-Europe")).Body();
        Assert.Equal("DE", stored["countryCode"].Text());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v3/stores/Ecom-Europe")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v3/stores/Ecom-Europe")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/v3/stores/Ecom-Europe")).StatusCode);
    }

    [Fact]
    public async Task Store_errors_are_all_reported_at_once()
    {
        var response = await client.PutJson("/api/v3/stores/S1", JsonNode.Parse($$"""
            { "externalStoreId": "S2", "name": "{{new string('n', 256)}}", "countryCode": "XX" }
            """)!);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Body())["errors"]!.AsObject();
        Assert.Equal(["countryCode", "externalStoreId", "name"], errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var response = await client.PutAsync("/api/v3/stores/S1", new StringContent("name=x"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
