using System.Threading.RateLimiting;
using Engage.BuildingBlocks.Http;

namespace Engage.Host.Edge;

/// <summary>Per-API-key token bucket: <c>Engage:RateLimit:PermitsPerSecond</c> (default 200, 0 = off); over it, 429 + Retry-After.</summary>
internal static class RateLimiting
{
    private static int PermitsPerSecond(IConfiguration configuration)
    {
        var permits = configuration.GetValue("Engage:RateLimit:PermitsPerSecond", 200);
        return permits >= 0 ? permits : throw new InvalidOperationException("Engage:RateLimit:PermitsPerSecond must be 0 (off) or more.");
    }

    /// <summary>The middleware, only when a limit is set: off means no per-request cost at all.</summary>
    public static WebApplication UseEngageRateLimiting(this WebApplication app)
    {
        if (PermitsPerSecond(app.Configuration) > 0)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    public static IServiceCollection AddEngageRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = PermitsPerSecond(configuration);

        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var partition = ApiKeys.PartitionOf(context);
                if (partition is null)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = permits,
                    TokensPerPeriod = permits,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await new Problem(StatusCodes.Status429TooManyRequests, "Too Many Requests",
                    $"This API key is limited to {permits} requests per second. Retry after {retryAfter} s.").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
