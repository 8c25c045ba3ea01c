using SQLitePCL;

namespace Engage.BuildingBlocks.Database;

/// <summary>
/// The rows of one <see cref="PreparedStatements.Query"/>, read forward straight from the prepared
/// statement (column ordinals as in the SELECT). Values are what a SqliteDataReader gives for the
/// same columns. Disposing resets the statement for its next execution.
/// </summary>
public sealed class Rows : IDisposable
{
    private readonly PreparedStatements.RawStatement statement;
    private readonly sqlite3 db;
    private bool done;

    // Measuring (PreparedStatements.Timings): where the query's time goes, its text and when it started.
    private readonly StatementTimings? timings;
    private readonly string? sql;
    private readonly long started;

    internal Rows(PreparedStatements.RawStatement statement, sqlite3 db, StatementTimings? timings = null, string? sql = null, long started = 0)
    {
        this.statement = statement;
        this.db = db;
        this.timings = timings;
        this.sql = sql;
        this.started = started;
    }

    /// <summary>Moves to the next row; false when there is none. A statement's error is thrown as a SqliteException.</summary>
    public bool Read()
    {
        if (done)
        {
            return false;
        }

        var rc = raw.sqlite3_step(statement.Handle);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        done = true;
        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        throw statement.Failed(db, rc);
    }

    public bool IsDBNull(int ordinal) => raw.sqlite3_column_type(statement.Handle, ordinal) == raw.SQLITE_NULL;

    public long GetInt64(int ordinal) => raw.sqlite3_column_int64(statement.Handle, ordinal);

    public int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    /// <summary>The column as text (SQL NULL is an error, as in SqliteDataReader).</summary>
    public string GetString(int ordinal) =>
        IsDBNull(ordinal)
            ? throw new InvalidOperationException($"Column {ordinal} is NULL.")
            : raw.sqlite3_column_text(statement.Handle, ordinal).utf8_to_string();

    /// <summary>The text in column <paramref name="ordinal"/>, or null for SQL NULL.</summary>
    public string? GetNullableString(int ordinal) => IsDBNull(ordinal) ? null : GetString(ordinal);

    /// <summary>The column's bytes: a BLOB as it is, a TEXT column as its UTF-8 (SQL NULL is an error).</summary>
    public byte[] GetBytes(int ordinal) =>
        IsDBNull(ordinal)
            ? throw new InvalidOperationException($"Column {ordinal} is NULL.")
            : raw.sqlite3_column_blob(statement.Handle, ordinal).ToArray();

    /// <summary>The column as SqliteCommand.ExecuteScalar gives it: long, double, string, byte[], or null for SQL NULL.</summary>
    public object? GetValue(int ordinal) =>
        raw.sqlite3_column_type(statement.Handle, ordinal) switch
        {
            raw.SQLITE_INTEGER => GetInt64(ordinal),
            raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement.Handle, ordinal),
            raw.SQLITE_TEXT => GetString(ordinal),
            raw.SQLITE_BLOB => GetBytes(ordinal),
            _ => null,
        };

    public void Dispose()
    {
        raw.sqlite3_reset(statement.Handle);
        if (timings is not null && sql is not null)
        {
            timings.Add(sql, started);
        }
    }
}
