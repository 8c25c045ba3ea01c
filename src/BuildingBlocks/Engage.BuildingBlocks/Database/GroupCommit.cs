using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engage.BuildingBlocks.Database;

/// <summary>
/// Group commit for the writes a client waits for (the accept path). A write is queued and runs in
/// the next write transaction on the writer connection, together with every other write queued by
/// then; its task completes once that transaction has committed, so an answer is only sent for what
/// is on disk, and the cost of a commit is shared. The next transaction is either this service's own
/// (it takes the write gate as soon as something is queued), or an outbox batch's: a batch that sees
/// queued writes runs them and commits them with its own work (<see cref="RunQueued"/>), instead of
/// committing, handing the lock over and waiting for it again. Once queued, a write is carried
/// through even if its client goes away: never half-done.
/// </summary>
public sealed class GroupCommit(Db db, ILogger<GroupCommit> logger) : BackgroundService
{
    internal const int MaxBatch = 1024;

    private readonly Channel<Write> queue = Channel.CreateBounded<Write>(new BoundedChannelOptions(100_000)
    {
        SingleReader = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Whether writes are queued: an outbox batch then ends soon and commits them with its own work.</summary>
    public bool Waiting => queue.Reader.Count > 0;

    /// <summary>Runs <paramref name="write"/> in the next write transaction; completes with its result once that has committed.</summary>
    public async Task<T> WriteAsync<T>(Func<PreparedStatements, SqliteTransaction, T> write, CancellationToken cancellationToken = default)
    {
        var queued = new Write<T>(write);
        await queue.Writer.WriteAsync(queued, cancellationToken);
        return await queued.Done.Task;
    }

    /// <summary>
    /// Runs the writes queued by now (up to <see cref="MaxBatch"/>) in the gate holder's transaction,
    /// adding each to <paramref name="taken"/> before it runs. The caller commits, then calls
    /// <see cref="Completed"/>; if the transaction does not commit, <see cref="Failed"/>.
    /// </summary>
    internal void RunQueued(PreparedStatements sql, SqliteTransaction transaction, List<Write> taken)
    {
        while (taken.Count < MaxBatch && queue.Reader.TryRead(out var write))
        {
            taken.Add(write);
            write.Run(sql, transaction);
        }
    }

    internal static void Completed(List<Write> writes)
    {
        foreach (var write in writes)
        {
            write.Complete();
        }

        writes.Clear();
    }

    internal static void Failed(List<Write> writes, Exception exception)
    {
        foreach (var write in writes)
        {
            write.Fail(exception);
        }

        writes.Clear();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writes = new List<Write>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            await db.WriteGate.WaitAsync(CancellationToken.None);
            try
            {
                if (!Waiting)
                {
                    continue; // an outbox batch committed them while this waited for the gate
                }

                var sql = db.Writer;
                using var transaction = sql.Connection.BeginTransaction(deferred: false);
                RunQueued(sql, transaction, writes);
                var timings = PreparedStatements.Timings;
                var committing = timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
                transaction.Commit();
                timings?.Add("COMMIT (a group of client writes)", committing);
            }
            catch (Exception exception)
            {
                db.ResetWriter(); // possibly mid-transaction or broken: the next writer starts on a fresh connection
                logger.LogError(exception, "Writing a group of {Count} client writes failed; nothing of it was done", writes.Count);
                Failed(writes, exception);
            }
            finally
            {
                db.WriteGate.Release();
            }

            Completed(writes);
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking new writes, then let the loop finish what is queued.
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    /// <summary>A queued write and the task its client waits on.</summary>
    internal abstract class Write
    {
        internal abstract void Run(PreparedStatements sql, SqliteTransaction transaction);

        internal abstract void Complete();

        internal abstract void Fail(Exception exception);
    }

    private sealed class Write<T>(Func<PreparedStatements, SqliteTransaction, T> write) : Write
    {
        private T? result;

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal override void Run(PreparedStatements sql, SqliteTransaction transaction) => result = write(sql, transaction);

        internal override void Complete() => Done.TrySetResult(result!);

        internal override void Fail(Exception exception) => Done.TrySetException(exception);
    }
}
