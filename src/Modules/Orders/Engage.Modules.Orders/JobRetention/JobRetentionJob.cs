using Engage.BuildingBlocks.Database;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Engage.Modules.Orders.JobRetention;

/// <summary>
/// Removes jobs completed longer ago than <c>Engage:Orders:JobRetention</c> (7 days by default), in
/// chunks, so a sweep never holds the write gate for long.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class JobRetentionJob(Db db, OrdersSettings settings, TimeProvider clock, ILogger<JobRetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("job-retention", "orders");

    public async Task Execute(IJobExecutionContext context) => await RemoveExpiredAsync(context.CancellationToken);

    internal const int Chunk = 2000;

    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = (clock.GetUtcNow() - settings.JobRetention).ToString("O");
        var removed = await db.DeleteInChunksAsync(
            """
            DELETE FROM orders_jobs WHERE seq IN (
                SELECT seq FROM orders_jobs WHERE completed_at < $cutoff AND status <> 'Pending' LIMIT $limit)
            """,
            Chunk,
            [("$cutoff", cutoff)],
            cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} jobs completed before {Cutoff}", removed, cutoff);
        }

        return removed;
    }
}
