using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Engage.Tests.Infrastructure;

/// <summary>Small HTTP helpers for tests: JSON in, JSON out, and waiting on jobs.</summary>
public static class Api
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string path, JsonNode body) =>
        client.PostAsync(path, Json(body));

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string path, string body) =>
        client.PostAsync(path, Json(body));

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string path, JsonNode body) =>
        client.PutAsync(path, Json(body));

    public static async Task<JsonNode> Body(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON body.");
    }

    /// <summary>POSTs an order and returns the job id from the 202.</summary>
    public static async Task<string> RegisterOrder(this HttpClient client, JsonNode order)
    {
        var response = await client.PostJson("/api/v3/orders", order);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Expected 202, got {(int)response.StatusCode}: {body}");
        }

        return JsonNode.Parse(body)!["jobId"]!.GetValue<string>();
    }

    /// <summary>Polls a job until it is no longer Pending (at most 15 s) and returns the final response.</summary>
    public static async Task<HttpResponseMessage> WaitForJob(this HttpClient client, string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var response = await client.GetAsync($"/api/v3/orders/jobs/{jobId}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return response;
            }

            var body = await response.Body();
            if (body["status"]?.GetValue<string>() != "Pending" || DateTime.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (at most 15 s); fails the test otherwise.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for: {what}");
            }

            await Task.Delay(25);
        }
    }

    public static JsonNode Clone(this JsonNode node) => JsonNode.Parse(node.ToJsonString())!;

    public static string Text(this JsonNode? node) => node?.GetValue<string>() ?? throw new InvalidOperationException("null");

    public static JsonSerializerOptions Pretty { get; } = new() { WriteIndented = true };
}
