using Dapper;
using Engage.BuildingBlocks.Database;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Engage.Modules.Orders.JobRetention;

/// <summary>Removes jobs completed longer ago than <c>Engage:Orders:JobRetention</c> (7 days by default).</summary>
[DisallowConcurrentExecution]
internal sealed class JobRetentionJob(Db db, OrdersSettings settings, TimeProvider clock, ILogger<JobRetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("job-retention", "orders");

    public async Task Execute(IJobExecutionContext context) => await RemoveExpiredAsync(context.CancellationToken);

    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = (clock.GetUtcNow() - settings.JobRetention).ToString("O");
        var removed = await db.WriteAsync((connection, transaction) => Task.FromResult(connection.Execute(
            "DELETE FROM orders_jobs WHERE status <> 'Pending' AND completed_at < @cutoff",
            new { cutoff }, transaction)), cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} jobs completed before {Cutoff}", removed, cutoff);
        }

        return removed;
    }
}
