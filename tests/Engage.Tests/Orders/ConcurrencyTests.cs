using System.Net;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.Orders;

/// <summary>"Only one order with the same order ID will ever be created", under concurrent POSTs.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly EngageApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Concurrent_posts_of_one_new_order_id_create_exactly_one_order()
    {
        var client = app.Client();
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.PostJson("/api/v3/orders", Samples.MinimalOrder("same-id"))));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var jobIds = new List<string>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Accepted))
        {
            jobIds.Add((await response.Body())["jobId"].Text());
        }

        var outcomes = new List<HttpStatusCode>();
        foreach (var jobId in jobIds)
        {
            outcomes.Add((await client.WaitForJob(jobId)).StatusCode);
        }

        Assert.Equal(1, outcomes.Count(s => s == HttpStatusCode.Found));
        Assert.All(outcomes.Where(s => s != HttpStatusCode.Found), s => Assert.Equal(HttpStatusCode.Conflict, s));
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM orders_orders WHERE order_id = 'same-id'";
        Assert.Equal(1L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Many_concurrent_distinct_orders_are_all_stored()
    {
        var client = app.Client();
        var ids = Enumerable.Range(0, 200).Select(i => $"bulk-{i}").ToList();
        var jobIds = await Task.WhenAll(ids.Select(id => client.RegisterOrder(Samples.MinimalOrder(id))));

        foreach (var jobId in jobIds)
        {
            Assert.Equal(HttpStatusCode.Found, (await client.WaitForJob(jobId)).StatusCode);
        }

        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM orders_orders WHERE order_id LIKE 'bulk-%'";
        Assert.Equal(200L, (long)command.ExecuteScalar()!);
    }
}
