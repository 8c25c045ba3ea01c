using Microsoft.Data.Sqlite;

namespace Engage.BuildingBlocks.Database;

/// <summary>
/// The one SQLite database of the service. The long-lived writer connections get a 32 MiB page
/// cache (with the default 2 MiB the stages re-read index pages from the OS on every message);
/// the pooled read connections keep the default. Every connection gets the same pragmas; every write
/// transaction goes through <see cref="WriteGate"/> so in-process writers queue on an async lock
/// instead of spinning in SQLite's busy handler (SQLite has one writer at a time anyway).
/// </summary>
public sealed class Db
{
    private const string ConnectionPragmas =
        "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY;";

    private const string WriterPragmas = "PRAGMA cache_size=-32768;";

    public Db(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new InvalidOperationException("ConnectionStrings:Engage must name a SQLite Data Source.");
        }

        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        builder.Pooling = true;
        ConnectionString = builder.ToString();
        builder.Pooling = false;
        writerConnectionString = builder.ToString();
    }

    public string ConnectionString { get; }

    // The long-lived writer connections are not pooled: they are never returned, and clearing a
    // pool must not pull their handle from under them.
    private readonly string writerConnectionString;

    public SemaphoreSlim WriteGate { get; } = new(1, 1);

    private int acceptWritersWaiting;

    /// <summary>
    /// Whether a writer on the accept path (answering a client) is waiting for <see cref="WriteGate"/>.
    /// Background work (the outbox) cuts its batch short then, so a client never waits a whole batch.
    /// </summary>
    public bool AcceptWriterWaiting => Volatile.Read(ref acceptWritersWaiting) > 0;

    /// <summary>Takes the write gate for the accept path, announcing the wait to background writers.</summary>
    public async Task EnterAcceptWriteAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref acceptWritersWaiting);
        try
        {
            await WriteGate.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref acceptWritersWaiting);
        }
    }

    public SqliteConnection Open() => Open(ConnectionString);

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>A connection for a long-lived writer (the job writer, the outbox processor): a larger page cache.</summary>
    public SqliteConnection OpenWriter()
    {
        var connection = Open(writerConnectionString);
        using var command = connection.CreateCommand();
        command.CommandText = WriterPragmas;
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one BEGIN IMMEDIATE transaction, holding the write gate.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await WriteGate.WaitAsync(cancellationToken);
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            WriteGate.Release();
        }
    }
}
