using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engage.BuildingBlocks.Database;

/// <summary>
/// Moves WAL checkpoints off the write lock. By default SQLite checkpoints inside the commit that
/// takes the WAL past 1000 pages: it copies them into the database file and fsyncs both files while
/// every other writer waits, about a fifth of the writer's time per order under load. With
/// <see cref="DatabaseOptions.BackgroundCheckpoints"/> the writer connection never checkpoints
/// (<c>wal_autocheckpoint=0</c>); this service does, on its own connection and thread: a PASSIVE
/// checkpoint every <see cref="DatabaseOptions.CheckpointInterval"/>, which copies what is committed
/// while writers go on. A WAL that keeps being appended to is never restarted that way, so once it
/// is longer than <see cref="DatabaseOptions.WalRestartPages"/>, and a pass has copied all of it, a
/// second pass runs holding the write gate: it only copies what was committed since the first, and
/// the next write then starts the WAL from its beginning. Durability is unchanged: a commit is in the WAL either way.
/// </summary>
internal sealed class Checkpointer(Db db, IOptions<DatabaseOptions> options, ILogger<Checkpointer> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Checkpoints block on file I/O for milliseconds: a thread of its own, not a pool thread.
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var connection = db.OpenUnpooled();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        var finished = -1L; // the WAL length a gated pass left behind: it restarts at the next write
        while (!stoppingToken.WaitHandle.WaitOne(settings.CheckpointInterval))
        {
            try
            {
                var (length, copied) = Checkpoint(command);
                // Only a pass that copied everything it saw leaves little for the gated one. One that a
                // reader held back (it cannot copy past a reader's snapshot) is left to the next pass:
                // catching up under the write gate would stall every writer for the whole copy.
                if (length < settings.WalRestartPages || copied < length || length == finished)
                {
                    continue;
                }

                db.WriteGate.Wait(stoppingToken);
                try
                {
                    (finished, _) = Checkpoint(command);
                }
                finally
                {
                    db.WriteGate.Release();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SqliteException exception)
            {
                // A checkpoint that fails loses nothing (the WAL keeps the commits); the next pass retries.
                logger.LogWarning(exception, "WAL checkpoint failed; retrying on the next pass");
            }
        }
    }

    /// <summary>Runs one PASSIVE checkpoint; returns the WAL's length and how much of it is in the database file, in pages.</summary>
    private static (long Length, long Copied) Checkpoint(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0); // busy, log pages, checkpointed pages
    }
}
