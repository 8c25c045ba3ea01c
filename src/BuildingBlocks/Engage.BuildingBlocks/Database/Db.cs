using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Engage.BuildingBlocks.Database;

/// <summary>
/// The one SQLite database of the service. Every write transaction goes through
/// <see cref="WriteGate"/>, so in-process writers queue on an async lock instead of spinning in
/// SQLite's busy handler (SQLite has one writer at a time anyway), and runs on the one
/// <see cref="Writer"/> connection. One connection matters: in WAL mode a connection throws its
/// whole page cache away whenever another connection has written since its last transaction, so
/// two writers taking turns (<see cref="GroupCommit"/> and the outbox processor) would each start every
/// transaction cold. The writer has a 32 MiB page cache; the pooled read connections keep the
/// default. Every connection gets the same pragmas, and with background checkpoints the writer
/// never checkpoints the WAL itself (<see cref="Checkpointer"/> does).
/// </summary>
public sealed class Db : IDisposable
{
    private const string ConnectionPragmas =
        "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY;";

    private const string WriterPragmas = "PRAGMA cache_size=-32768;";

    // With background checkpoints (Checkpointer) the writer only ever appends to the WAL.
    private const string NoCheckpointPragma = "PRAGMA wal_autocheckpoint=0;";

    private readonly bool backgroundCheckpoints;

    public Db(string connectionString, bool backgroundCheckpoints = false)
    {
        this.backgroundCheckpoints = backgroundCheckpoints;
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

    private PreparedStatements? writer;

    /// <summary>
    /// The writer connection and its prepared statements. Only for the holder of <see cref="WriteGate"/>;
    /// a holder that hits a database error calls <see cref="ResetWriter"/> so the next one starts on a fresh connection.
    /// </summary>
    public PreparedStatements Writer => writer ??= new PreparedStatements(OpenWriter());

    /// <summary>Closes the writer connection (after an error; it may be mid-transaction or broken). Only for the holder of <see cref="WriteGate"/>.</summary>
    public void ResetWriter()
    {
        writer?.Dispose();
        writer = null;
    }

    public void Dispose() => ResetWriter();

    public SqliteConnection Open() => Open(ConnectionString);

    /// <summary>A connection of its own, outside the pool (for a long-lived background user such as the checkpointer).</summary>
    internal SqliteConnection OpenUnpooled() => Open(writerConnectionString);

    // The SQLite connections the pragmas were applied to. A pooled connection keeps its settings
    // from one Open to the next, so every read would otherwise run four pragmas for nothing.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();

    private static readonly object Done = new();

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        var handle = connection.Handle!;
        if (!Configured.TryGetValue(handle, out _))
        {
            using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            command.ExecuteNonQuery();
            Configured.AddOrUpdate(handle, Done);
        }

        return connection;
    }

    private SqliteConnection OpenWriter()
    {
        var connection = Open(writerConnectionString);
        using var command = connection.CreateCommand();
        command.CommandText = backgroundCheckpoints ? WriterPragmas + NoCheckpointPragma : WriterPragmas;
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Runs a retention DELETE in chunks: <paramref name="sql"/> removes at most <c>$limit</c> rows, and
    /// runs in a transaction of its own again and again until a pass removes fewer. A sweep of a large
    /// backlog then holds the write gate for one chunk at a time, so accepted writes and the outbox
    /// take turns with it instead of waiting for the whole sweep. Returns how many rows were removed.
    /// </summary>
    public async Task<int> DeleteInChunksAsync(string sql, int chunk, IReadOnlyList<(string Name, object Value)> arguments, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var pass = await WriteAsync((connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                command.Parameters.AddWithValue("$limit", chunk);
                foreach (var (name, value) in arguments)
                {
                    command.Parameters.AddWithValue(name, value);
                }

                return Task.FromResult(command.ExecuteNonQuery());
            }, cancellationToken);
            removed += pass;
            if (pass < chunk)
            {
                break;
            }
        }

        return removed;
    }

    /// <summary>Runs <paramref name="work"/> in one BEGIN IMMEDIATE transaction, holding the write gate.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await WriteGate.WaitAsync(cancellationToken);
        try
        {
            var connection = Writer.Connection;
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            transaction.Commit();
            return result;
        }
        catch (SqliteException)
        {
            ResetWriter();
            throw;
        }
        finally
        {
            WriteGate.Release();
        }
    }
}
