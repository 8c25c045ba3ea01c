using System.Net;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.Edge;

public sealed class RateLimitTests : IDisposable
{
    private readonly EngageApp app = new(new Dictionary<string, string?> { ["Engage:RateLimit:PermitsPerSecond"] = "5" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Over_the_per_key_limit_is_429_with_retry_after_and_other_keys_are_unaffected()
    {
        var client = app.Client();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            responses.Add(await client.GetAsync("/api/v3/orders/any"));
        }

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.NotFound) >= 5);
        Assert.All(limited, r => Assert.True(int.Parse(r.Headers.GetValues("Retry-After").Single()) >= 1));
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType!.MediaType);

        var other = await app.Client(EngageApp.OtherApiKey).GetAsync("/api/v3/orders/any");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        var health = await app.Client(apiKey: null).GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
