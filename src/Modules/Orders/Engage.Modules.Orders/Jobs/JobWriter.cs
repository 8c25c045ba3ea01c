using System.Threading.Channels;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Messaging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engage.Modules.Orders.Jobs;

/// <summary>
/// The one writer of accepted jobs (group commit). Requests enqueue their write and wait; the
/// writer takes everything that arrived meanwhile (up to <see cref="MaxBatch"/>), checks each
/// against the stored orders, inserts the jobs and their outbox messages in one transaction,
/// commits, and only then answers every request in the batch. A 202 is therefore only sent for
/// a job that is on disk, and the per-request cost of a commit is shared by the batch.
/// </summary>
internal sealed class JobWriter(Db db, Outbox outbox, ILogger<JobWriter> logger) : BackgroundService
{
    public const int MaxBatch = 1024;

    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(100_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private sealed record Pending(AcceptedWrite Write, TaskCompletionSource<AcceptOutcome> Done);

    public async Task<AcceptOutcome> AcceptAsync(AcceptedWrite write, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<AcceptOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        await queue.Writer.WriteAsync(new Pending(write, done), cancellationToken);
        // Once queued, the write is carried through even if the client goes away: never half-done.
        return await done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                var outcomes = await WriteAsync(batch);
                outbox.Signal.Notify();
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(outcomes[i]);
                }
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Writing a batch of {Count} jobs failed; nothing of it was accepted", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(exception);
                }
            }

            batch.Clear();
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking new writes, then let the loop finish what is queued.
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    private async Task<AcceptOutcome[]> WriteAsync(List<Pending> batch)
    {
        var outcomes = new AcceptOutcome[batch.Count];
        await db.EnterAcceptWriteAsync();
        try
        {
            var statements = db.Writer;
            using var transaction = statements.Connection.BeginTransaction(deferred: false);
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i].Write;
                outcomes[i] = Check(statements, transaction, write);
                if (outcomes[i] != AcceptOutcome.Accepted)
                {
                    continue;
                }

                statements.Execute(transaction,
                    """
                    INSERT INTO orders_jobs (job_id, order_id, operation, status, if_match, accepted_at)
                    VALUES ($job, $order, $operation, 'Pending', $ifMatch, $accepted)
                    """,
                    ("$job", write.JobId),
                    ("$order", write.OrderId),
                    ("$operation", write.Operation),
                    ("$ifMatch", write.IfMatch),
                    ("$accepted", write.AcceptedAt.ToString("O")));
                if (write.Payload is not null)
                {
                    // The job just inserted is the connection's last row: its seq keys the payload.
                    statements.Execute(transaction,
                        "INSERT INTO orders_job_payloads (seq, payload) VALUES (last_insert_rowid(), $payload)",
                        ("$payload", new Utf8Text(write.Payload)));
                }

                outbox.Add(statements, transaction, new OrderWriteAccepted(write.JobId, write.OrderId));
            }

            transaction.Commit();
        }
        catch
        {
            db.ResetWriter(); // possibly mid-transaction or broken: the next writer starts on a fresh connection
            throw;
        }
        finally
        {
            db.WriteGate.Release();
        }

        return outcomes;
    }

    private static AcceptOutcome Check(PreparedStatements statements, SqliteTransaction transaction, AcceptedWrite write)
    {
        var version = statements.Scalar(transaction, "SELECT version_tag FROM orders_orders WHERE order_id = $order", ("$order", write.OrderId)) as string;
        if (write.Operation == Operations.Create)
        {
            return version is null ? AcceptOutcome.Accepted : AcceptOutcome.OrderExists;
        }

        if (version is null)
        {
            return AcceptOutcome.OrderNotFound;
        }

        return write.IfMatch is null || write.IfMatch == version ? AcceptOutcome.Accepted : AcceptOutcome.VersionMismatch;
    }
}
