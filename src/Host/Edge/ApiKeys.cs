using System.Security.Cryptography;
using System.Text;
using Engage.BuildingBlocks.Http;

namespace Engage.Host.Edge;

/// <summary>
/// The accepted API keys (<c>Engage:ApiKeys</c>). Keys are held only as SHA-256 hashes and compared
/// in constant time; a request's key is never logged. The rate limiter partitions by
/// <see cref="PartitionOf"/>, a short hash prefix, not by the key itself.
/// </summary>
internal sealed class ApiKeys
{
    public const string HeaderName = "apikey";
    public const string AlternativeHeaderName = "x-api-key";
    private const string PartitionItem = "engage.api-key-partition";

    private readonly byte[][] hashes;

    public ApiKeys(IEnumerable<string> keys)
    {
        hashes = keys.Where(key => !string.IsNullOrWhiteSpace(key)).Select(Hash).ToArray();
    }

    public int Count => hashes.Length;

    public static ApiKeys FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var keys = configuration.GetSection("Engage:ApiKeys").Get<string[]>() ?? [];
        var apiKeys = new ApiKeys(keys);
        if (apiKeys.Count == 0 && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "No API key is configured. Set at least one in Engage:ApiKeys, e.g. the environment variable " +
                "Engage__ApiKeys__0=<a long random key>. Outside Development the service refuses to start without one.");
        }

        return apiKeys;
    }

    /// <summary>The partition (hash prefix) of a valid key, or null when the key is not accepted.</summary>
    public string? Validate(string presented)
    {
        var hash = Hash(presented);
        var match = false;
        foreach (var candidate in hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(candidate, hash);
        }

        return match ? Convert.ToHexString(hash, 0, 8) : null;
    }

    public static string? PartitionOf(HttpContext context) => context.Items[PartitionItem] as string;

    internal static void SetPartition(HttpContext context, string partition) => context.Items[PartitionItem] = partition;

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

internal static class ApiKeyAuthentication
{
    /// <summary>Every <c>/api/</c> request needs a valid <c>apikey</c> (or <c>x-api-key</c>) header; health and OpenAPI do not.</summary>
    public static IApplicationBuilder UseApiKeyAuthentication(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            var keys = context.RequestServices.GetRequiredService<ApiKeys>();
            var presented = context.Request.Headers[ApiKeys.HeaderName].ToString();
            if (presented.Length == 0)
            {
                presented = context.Request.Headers[ApiKeys.AlternativeHeaderName].ToString();
            }

            var partition = presented.Length == 0 ? null : keys.Validate(presented);
            if (partition is null)
            {
                context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeys.HeaderName}\"";
                await new Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
                    presented.Length == 0
                        ? "Send your API key in the 'apikey' header."
                        : "The API key in the 'apikey' header is not accepted.").ExecuteAsync(context);
                return;
            }

            ApiKeys.SetPartition(context, partition);
            await next(context);
        });
}
