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
