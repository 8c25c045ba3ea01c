using Microsoft.Data.Sqlite;

namespace Engage.BuildingBlocks.Database;

/// <summary>
/// Prepared statements of one long-lived connection, cached by SQL text. A statement is parsed
/// once and then only re-bound: about a fifth of the cost of building a command per call. The
/// arguments of one SQL text must always come in the same order (one call site per text).
/// </summary>
public sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> cache = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

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
            command.Parameters[i].Value = arguments[i].Value ?? DBNull.Value;
        }

        return command;
    }

    public int Execute(SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> arguments) =>
        Bind(transaction, sql, arguments).ExecuteNonQuery();

    public object? Scalar(SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> arguments)
    {
        var value = Bind(transaction, sql, arguments).ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public SqliteDataReader Query(SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> arguments) =>
        Bind(transaction, sql, arguments).ExecuteReader();

    public void Dispose()
    {
        foreach (var command in cache.Values)
        {
            command.Dispose();
        }

        cache.Clear();
        connection.Dispose();
    }
}
