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
/// </summary>
[DisallowConcurrentExecution]
internal sealed class InboxRetentionJob(Database.Db db, Microsoft.Extensions.Options.IOptions<OutboxOptions> options, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("inbox-retention", "messaging");

    public Task Execute(IJobExecutionContext context) => RemoveExpiredAsync(context.CancellationToken);

    public Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = (clock.GetUtcNow() - options.Value.InboxRetention).ToString("O");
        return db.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM messaging_inbox WHERE processed_at < $cutoff";
            command.Parameters.AddWithValue("$cutoff", cutoff);
            return Task.FromResult(command.ExecuteNonQuery());
        }, cancellationToken);
    }
}
