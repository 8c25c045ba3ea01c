using Dapper;
using Engage.BuildingBlocks.Database;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Engage.Host.Edge;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: and the database can be read (503 otherwise).</summary>
internal static class Health
{
    public static IServiceCollection AddEngageHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static void MapEngageHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).ExcludeFromDescription();
    }
}

internal sealed class DatabaseHealthCheck(Db db) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = db.Open();
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations");
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception exception)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The database cannot be read.", exception));
        }
    }
}
