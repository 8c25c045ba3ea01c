using System.Text.Json.Nodes;
using Engage.Tests.Contacts;
using Engage.Tests.Infrastructure;
using Engage.Tests.IntegrationLog;
using Snapshooter.Xunit;

namespace Engage.Tests.Catalog;

/// <summary>Stage 3: each SKU and the store of a stored order are checked; each miss is warned about exactly once.</summary>
public sealed class CheckOrderReferencesTests : IDisposable
{
    private readonly EngageApp app = new();
    private readonly HttpClient client;

    public CheckOrderReferencesTests() => client = app.Client();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Each_missing_article_and_the_missing_store_are_warned_about_once()
    {
        await client.PutJson("/api/v3/articles/SKU-RED-42", JsonNode.Parse("""{ "name": "Running shoe" }""")!);
        var orderId = Samples.NewId();
        await client.StoreOrder(Samples.FullOrder(orderId)); // SKU-RED-42 (known), SKU-SOCK (unknown), store Ecom-Europe (unknown)

        await Api.Eventually(async () =>
        {
            var entries = await client.Entries(orderId);
            return entries.Count(LogTexts.ArticleMissing) == 1 && entries.Count(LogTexts.StoreMissing) == 1;
        }, "missing article and store warnings");
        await app.Processor.DrainAsync();

        var all = await client.Entries(orderId);
        var article = Assert.Single(all, e => e!["message"].Text() == LogTexts.ArticleMissing)!;
        var store = Assert.Single(all, e => e!["message"].Text() == LogTexts.StoreMissing)!;
        Assert.Equal("SKU-SOCK", article["details"]!["sku"].Text());
        Assert.Equal("Warning", article["severity"].Text());
        Assert.Equal("The article SKU registered on order is missing from the Article register.", article["reason"].Text());
        Assert.Equal("Register the article SKU and then send in the order again.", article["proposedAction"].Text());
        Assert.Equal("Ecom-Europe", store["details"]!["externalStoreId"].Text());
        Assert.Equal("The store number registered on order is missing in the Store register.", store["reason"].Text());
        Assert.Equal("Add the missing store in Engage.", store["proposedAction"].Text());
        Snapshot.Match(new JsonArray(article.DeepClone(), store.DeepClone()).Scrub("id", "timestamp", "orderId", "versionTag").ForSnapshot());
    }

    [Fact]
    public async Task Registered_references_and_an_order_without_a_store_give_no_warning()
    {
        await client.PutJson("/api/v3/articles/SKU-KNOWN", JsonNode.Parse("{}")!);
        var orderId = Samples.NewId();
        await client.StoreOrder(Samples.MinimalOrder(orderId, sku: "SKU-KNOWN"));

        await Api.Eventually(async () => (await client.Entries(orderId)).Count(LogTexts.ContactMissing) == 1, "stage 2 done");
        await app.Processor.DrainAsync();

        var entries = await client.Entries(orderId);
        Assert.Equal(0, entries.Count(LogTexts.ArticleMissing));
        Assert.Equal(0, entries.Count(LogTexts.StoreMissing));
    }

    [Fact]
    public async Task A_registered_store_is_not_missing()
    {
        await client.PutJson("/api/v3/stores/Ecom-Europe", JsonNode.Parse("""{ "name": "Europe" }""")!);
        var orderId = Samples.NewId();
        var order = Samples.MinimalOrder(orderId, sku: "SKU-NEW");
        order["externalStoreId"] = "Ecom-Europe";
        await client.StoreOrder(order);

        await Api.Eventually(async () => (await client.Entries(orderId)).Count(LogTexts.ArticleMissing) == 1, "article warning");
        await app.Processor.DrainAsync();

        Assert.Equal(0, (await client.Entries(orderId)).Count(LogTexts.StoreMissing));
    }
}
