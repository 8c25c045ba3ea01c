using System.Net;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.Edge;

public sealed class AuthenticationTests : IClassFixture<AuthenticationTests.Host>
{
    private readonly EngageApp app;

    public AuthenticationTests(Host host) => app = host.App;

    public sealed class Host : IDisposable
    {
        public EngageApp App { get; } = new();

        public void Dispose() => App.Dispose();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task Api_calls_without_a_valid_key_are_401_problems(string? key)
    {
        var client = app.Client(apiKey: null);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v3/orders/any");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("apikey", key);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
        Assert.DoesNotContain("wrong-key", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Writes_without_a_key_are_refused_before_the_body_is_read()
    {
        var response = await app.Client(apiKey: null).PostJson("/api/v3/orders", Samples.MinimalOrder());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("apikey", EngageApp.ApiKey)]
    [InlineData("x-api-key", EngageApp.ApiKey)]
    [InlineData("apikey", EngageApp.OtherApiKey)]
    public async Task Every_configured_key_is_accepted_in_either_header(string header, string key)
    {
        var client = app.Client(apiKey: null);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v3/orders/any");
        request.Headers.Add(header, key);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/")]
    public async Task Health_and_api_reference_need_no_key(string path)
    {
        var response = await app.Client(apiKey: null).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await app.Client().GetAsync("/api/v3/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        var response = await app.Client().PatchAsync("/api/v3/orders/x", Api.Json("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}

public sealed class StartupTests
{
    [Fact]
    public void Outside_development_the_service_refuses_to_start_without_an_api_key()
    {
        using var app = new EngageApp(new Dictionary<string, string?> { ["Engage:ApiKeys:0"] = "", ["Engage:ApiKeys:1"] = "" });

        var exception = Assert.ThrowsAny<Exception>(() => app.Client());

        Assert.Contains("Engage:ApiKeys", exception.ToString());
    }
}
