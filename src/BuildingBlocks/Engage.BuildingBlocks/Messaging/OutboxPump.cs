using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Engage.BuildingBlocks.Messaging;

/// <summary>Drains the outbox as soon as a commit signals new messages (the happy path waits milliseconds).</summary>
internal sealed class OutboxPump(OutboxProcessor processor, OutboxSignal signal, ILogger<OutboxPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signal.Notify(); // whatever a previous run left behind is delivered at start
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
                await processor.DrainAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Outbox pump failed; the Quartz tick retries");
                await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
            }
        }
    }
}

/// <summary>The safety net: delivers retries that came due and anything a signal missed.</summary>
[DisallowConcurrentExecution]
internal sealed class OutboxTickJob(OutboxProcessor processor) : IJob
{
    public static readonly JobKey Key = new("outbox-tick", "messaging");

    public Task Execute(IJobExecutionContext context) =>
        processor.AnyDue() ? processor.DrainAsync(context.CancellationToken) : Task.CompletedTask;
}

/// <summary>
/// Removes inbox records older than <see cref="OutboxOptions.InboxRetention"/>. A message can only be
/// delivered again while it is still in the outbox, and it leaves the outbox in the same
/// transaction as its inbox records, so old records guard nothing; without this the inbox grows forever.
/// Message ids are UUIDv7 in "N" form, so their first 12 hex digits are the creation time in unix
/// milliseconds and the primary key is in creation order: the sweep reads only the records of
/// messages created before the cutoff (a range of the key; filtering on processed_at alone read the
/// whole inbox under the write gate, a stall that grew with the inbox), keeps any of those processed
/// after the cutoff, and deletes in chunks.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class InboxRetentionJob(Database.Db db, Microsoft.Extensions.Options.IOptions<OutboxOptions> options, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("inbox-retention", "messaging");

    internal const int Chunk = 2000;

    public Task Execute(IJobExecutionContext context) => RemoveExpiredAsync(context.CancellationToken);

    public Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - options.Value.InboxRetention;
        return db.DeleteInChunksAsync(
            """
            DELETE FROM messaging_inbox WHERE (message_id, handler) IN (
                SELECT message_id, handler FROM messaging_inbox
                WHERE message_id < $createdBefore AND processed_at < $cutoff
                LIMIT $limit)
            """,
            Chunk,
            [("$createdBefore", IdPrefix(cutoff)), ("$cutoff", cutoff.ToString("O"))],
            cancellationToken);
    }

    /// <summary>The first 12 hex digits of a UUIDv7 ("N" form) created at <paramref name="time"/>: every id created earlier sorts below it.</summary>
    internal static string IdPrefix(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture);
}
