using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Engage.BuildingBlocks.Database;

/// <summary>
/// Prepared statements of one long-lived connection, cached by SQL text. A statement is parsed
/// once and then only re-bound: about a fifth of the cost of building a command per call. The
/// arguments of one SQL text must always come in the same order (one call site per text).
/// <see cref="Execute"/> (about twenty statements per stored order) binds and steps its statement
/// through SQLitePCL, the layer under Microsoft.Data.Sqlite: a SqliteCommand looks every
/// parameter's index up by name and allocates a binder and a data reader on every execution, which
/// was more than a tenth of the stages' time. <see cref="Scalar"/> and <see cref="Query"/> (about
/// eight per stored order) take the same path: a query's rows are read through <see cref="Rows"/>,
/// straight from the statement, instead of a SqliteDataReader and the record, binder and
/// dictionaries it allocates per execution.
/// </summary>
public sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> cache = new(StringComparer.Ordinal);

    // null: the text is not one statement, so it runs as a SqliteCommand.
    private readonly Dictionary<string, RawStatement?> statements = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>Set only to measure (<see cref="StatementTimings"/>); null in the service.</summary>
    public static StatementTimings? Timings { get; set; }

    public SqliteCommand Bind(SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> arguments)
    {
        if (!cache.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in arguments)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            cache[sql] = command;
        }

        command.Transaction = transaction;
        for (var i = 0; i < arguments.Length; i++)
        {
            command.Parameters[i].Value = arguments[i].Value switch
            {
                null => DBNull.Value,
                Utf8Text text => text.ToString(),
                var value => value,
            };
        }

        return command;
    }

    /// <summary>
    /// Executes <paramref name="sql"/> in <paramref name="transaction"/>; returns the rows it changed
    /// (-1 for a statement that changes none by nature, as SqliteCommand.ExecuteNonQuery does).
    /// </summary>
    public int Execute(SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> arguments)
    {
        var timings = Timings;
        var started = timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        var statement = Prepared(transaction, sql, arguments);
        var changed = statement is not null && statement.TryBind(arguments)
            ? statement.Run(connection.Handle!)
            : Bind(transaction, sql, arguments).ExecuteNonQuery();
        timings?.Add(sql, started);
        return changed;
    }

    /// <summary>
    /// The rowid of the last row this connection inserted (SQLite's <c>sqlite3_last_insert_rowid</c>).
    /// Cheaper than <c>INSERT ... RETURNING</c>: SQLite runs a RETURNING clause through a temporary
    /// table of its own, created, committed and dropped on every execution.
    /// </summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(connection.Handle!);

    /// <summary>
    /// The first column of the first row, as SqliteCommand.ExecuteScalar gives it (long, double,
    /// string or byte[]), or null for no row or SQL NULL.
    /// </summary>
    public object? Scalar(SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> arguments)
    {
        var timings = Timings;
        var started = timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        var statement = Prepared(transaction, sql, arguments);
        if (statement is null || !statement.TryBind(arguments))
        {
            var value = Bind(transaction, sql, arguments).ExecuteScalar();
            timings?.Add(sql, started);
            return value is DBNull ? null : value;
        }

        using var rows = new Rows(statement, connection.Handle!);
        var first = rows.Read() ? rows.GetValue(0) : null;
        timings?.Add(sql, started);
        return first;
    }

    /// <summary>
    /// Runs one statement and reads its rows. Dispose the rows before the same SQL text runs again.
    /// Arguments are strings, <see cref="Utf8Text"/>, integers, doubles, booleans, byte arrays or null.
    /// </summary>
    public Rows Query(SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> arguments)
    {
        var timings = Timings;
        var started = timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        var statement = Prepared(transaction, sql, arguments);
        if (statement is null)
        {
            // Compiling it as a command (without running it) reports the SQL's error, if it has one.
            Bind(transaction, sql, arguments).Prepare();
            throw new ArgumentException("Query runs one SQL statement, whose parameters are exactly the arguments given.", nameof(sql));
        }

        if (!statement.TryBind(arguments))
        {
            throw new ArgumentException("Query binds strings, UTF-8 text, integers, doubles, booleans, byte arrays and nulls.", nameof(arguments));
        }

        return new Rows(statement, connection.Handle!, timings, sql, started);
    }

    private RawStatement? Prepared(SqliteTransaction transaction, string sql, ReadOnlySpan<(string Name, object? Value)> arguments)
    {
        if (transaction.Connection != connection)
        {
            throw new InvalidOperationException("The transaction is not one of this connection's.");
        }

        if (!statements.TryGetValue(sql, out var statement))
        {
            statement = RawStatement.TryPrepare(connection.Handle!, sql, arguments);
            statements[sql] = statement;
        }

        return statement;
    }

    public void Dispose()
    {
        foreach (var command in cache.Values)
        {
            command.Dispose();
        }

        foreach (var statement in statements.Values)
        {
            statement?.Dispose();
        }

        cache.Clear();
        statements.Clear();
        connection.Dispose();
    }

    /// <summary>One prepared statement with its parameters' indexes, found once.</summary>
    internal sealed class RawStatement(sqlite3_stmt handle, int[] indexes) : IDisposable
    {
        public sqlite3_stmt Handle => handle;

        public static RawStatement? TryPrepare(sqlite3 db, string sql, ReadOnlySpan<(string Name, object? Value)> arguments)
        {
            var text = Encoding.UTF8.GetBytes(sql);
            var rc = raw.sqlite3_prepare_v3(db, text, raw.SQLITE_PREPARE_PERSISTENT, out var handle, out var tail);
            if (rc != raw.SQLITE_OK)
            {
                handle.Dispose();
                return null; // the SqliteCommand reports the error as it always has
            }

            if (handle.IsInvalid || !IsBlank(tail))
            {
                handle.Dispose();
                return null;
            }

            var indexes = new int[arguments.Length];
            for (var i = 0; i < arguments.Length; i++)
            {
                indexes[i] = raw.sqlite3_bind_parameter_index(handle, arguments[i].Name);
                if (indexes[i] == 0)
                {
                    handle.Dispose();
                    return null;
                }
            }

            return raw.sqlite3_bind_parameter_count(handle) == arguments.Length ? new RawStatement(handle, indexes) : Dispose(handle);

            static RawStatement? Dispose(sqlite3_stmt unused)
            {
                unused.Dispose();
                return null;
            }
        }

        /// <summary>Binds the values as SqliteCommand would; false for a type it does not bind itself (the caller falls back).</summary>
        public bool TryBind(ReadOnlySpan<(string Name, object? Value)> arguments)
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                var index = indexes[i];
                var rc = arguments[i].Value switch
                {
                    null or DBNull => raw.sqlite3_bind_null(handle, index),
                    string text => raw.sqlite3_bind_text(handle, index, text),
                    Utf8Text { Bytes.Length: 0 } => raw.sqlite3_bind_text(handle, index, ""), // an empty span would bind NULL
                    Utf8Text text => raw.sqlite3_bind_text(handle, index, text.Bytes.AsSpan()),
                    long number => raw.sqlite3_bind_int64(handle, index, number),
                    int number => raw.sqlite3_bind_int64(handle, index, number),
                    bool flag => raw.sqlite3_bind_int64(handle, index, flag ? 1 : 0),
                    double number => raw.sqlite3_bind_double(handle, index, number),
                    byte[] bytes => raw.sqlite3_bind_blob(handle, index, bytes),
                    _ => -1,
                };
                if (rc != raw.SQLITE_OK)
                {
                    raw.sqlite3_clear_bindings(handle);
                    return false;
                }
            }

            return true;
        }

        public int Run(sqlite3 db)
        {
            var rc = raw.sqlite3_step(handle);
            if (rc is raw.SQLITE_DONE or raw.SQLITE_ROW)
            {
                var changed = raw.sqlite3_stmt_readonly(handle) != 0 ? -1 : raw.sqlite3_changes(db);
                raw.sqlite3_reset(handle);
                return changed;
            }

            throw Failed(db, rc);
        }

        /// <summary>The exception SqliteCommand would throw for <paramref name="rc"/>; the statement is reset.</summary>
        public SqliteException Failed(sqlite3 db, int rc)
        {
            var error = new SqliteException(
                $"SQLite Error {rc}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(db));
            raw.sqlite3_reset(handle);
            return error;
        }

        public void Dispose() => handle.Dispose();

        private static bool IsBlank(ReadOnlySpan<byte> tail)
        {
            foreach (var b in tail)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)';' or 0))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
