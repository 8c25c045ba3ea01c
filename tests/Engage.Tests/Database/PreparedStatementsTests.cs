using Engage.BuildingBlocks.Database;
using Microsoft.Data.Sqlite;

namespace Engage.Tests.Database;

/// <summary>
/// The writer's statements: Execute binds and steps through SQLitePCL, and must store and count
/// exactly what a SqliteCommand would.
/// </summary>
public sealed class PreparedStatementsTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "engage-tests", $"{Guid.NewGuid():N}.db");
    private readonly PreparedStatements statements;

    public PreparedStatementsTests()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        statements = new PreparedStatements(connection);
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (k TEXT PRIMARY KEY, v ANY) STRICT; CREATE TABLE n (x INTEGER);";
        create.ExecuteNonQuery();
    }

    public void Dispose()
    {
        statements.Dispose();
        Infrastructure.EngageApp.DeleteDatabase(path);
    }

    public static TheoryData<string, object?> Values() => new()
    {
        { "text", "Ångström ✓ 🚀" },
        { "empty text", "" },
        { "long", 1L << 40 },
        { "int", -7 },
        { "bool", true },
        { "double", 2.5 },
        { "blob", new byte[] { 0, 1, 255 } },
        { "null", null },
        { "DBNull", DBNull.Value },
        { "decimal (bound by SqliteCommand)", 12.3456m },
        { "DateTimeOffset (bound by SqliteCommand)", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_is_stored_as_a_SqliteCommand_stores_it(string name, object? value)
    {
        var connection = statements.Connection;
        using (var transaction = connection.BeginTransaction())
        {
            Assert.Equal(1, statements.Execute(transaction, "INSERT INTO t (k, v) VALUES ($k, $v)", ("$k", "fast"), ("$v", value)));
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO t (k, v) VALUES ($k, $v)";
            command.Parameters.AddWithValue("$k", "command");
            command.Parameters.AddWithValue("$v", value ?? DBNull.Value);
            command.ExecuteNonQuery();
            transaction.Commit();
        }

        Assert.Equal(Stored("command"), Stored("fast"));
        Assert.NotNull(name);
    }

    [Theory]
    [InlineData("Ångström ✓ 🚀 {\"a\": 1}")]
    [InlineData("")]
    public void Utf8_text_is_stored_as_the_text_it_encodes_on_both_paths(string text)
    {
        var utf8 = new Utf8Text(System.Text.Encoding.UTF8.GetBytes(text));
        using (var transaction = statements.Connection.BeginTransaction())
        {
            statements.Execute(transaction, "INSERT INTO t (k, v) VALUES ($k, $v)", ("$k", "utf8"), ("$v", utf8));
            statements.Execute(transaction, "INSERT INTO t (k, v) VALUES ($k, $v)", ("$k", "string"), ("$v", text));
            // A text of two statements runs as a SqliteCommand: the fallback binds the same TEXT.
            statements.Execute(transaction, "INSERT INTO t (k, v) VALUES ($k, $v); SELECT 1;", ("$k", "fallback"), ("$v", utf8));
            transaction.Commit();
        }

        Assert.Equal<(string?, object?)>(("text", text), Stored("string"));
        Assert.Equal(Stored("string"), Stored("utf8"));
        Assert.Equal(Stored("string"), Stored("fallback"));
    }

    [Fact]
    public void Execute_counts_changed_rows_and_rebinds_a_cached_statement_every_time()
    {
        var connection = statements.Connection;
        using var transaction = connection.BeginTransaction();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, statements.Execute(transaction, "INSERT OR IGNORE INTO t (k, v) VALUES ($k, $v)", ("$k", $"k{i}"), ("$v", i)));
        }

        Assert.Equal(0, statements.Execute(transaction, "INSERT OR IGNORE INTO t (k, v) VALUES ($k, $v)", ("$k", "k1"), ("$v", 9)));
        Assert.Equal(2, statements.Execute(transaction, "UPDATE t SET v = $v WHERE v >= $from", ("$v", 5), ("$from", 1)));
        Assert.Equal(0, statements.Execute(transaction, "UPDATE t SET v = $v WHERE v >= $from", ("$v", 5), ("$from", 100)));
        Assert.Equal(-1, statements.Execute(transaction, "SAVEPOINT s"));
        statements.Execute(transaction, "RELEASE s");
        transaction.Commit();

        Assert.Equal(new object?[] { 0L, 5L, 5L }, new[] { "k0", "k1", "k2" }.Select(Stored).Select(s => s.Value));
    }

    [Fact]
    public void A_failing_statement_throws_the_SqliteException_a_command_would_and_the_transaction_goes_on()
    {
        var connection = statements.Connection;
        using var transaction = connection.BeginTransaction();
        statements.Execute(transaction, "INSERT INTO t (k, v) VALUES ($k, $v)", ("$k", "dup"), ("$v", 1));

        var error = Assert.Throws<SqliteException>(() =>
            statements.Execute(transaction, "INSERT INTO t (k, v) VALUES ($k, $v)", ("$k", "dup"), ("$v", 2)));

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(1555, error.SqliteExtendedErrorCode); // SQLITE_CONSTRAINT_PRIMARYKEY
        Assert.Contains("UNIQUE constraint failed: t.k", error.Message);
        Assert.Equal(1, statements.Execute(transaction, "INSERT INTO t (k, v) VALUES ($k, $v)", ("$k", "next"), ("$v", 3)));
        transaction.Commit();
        Assert.Equal(3L, Stored("next").Value);
    }

    [Fact]
    public void Several_statements_in_one_text_still_run_all_of_them()
    {
        var connection = statements.Connection;
        using var transaction = connection.BeginTransaction();

        statements.Execute(transaction, "INSERT INTO n (x) VALUES ($a); INSERT INTO n (x) VALUES ($b);", ("$a", 1), ("$b", 2));
        transaction.Commit();

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(x) FROM n";
        Assert.Equal("1,2", command.ExecuteScalar());
    }

    [Fact]
    public void A_transaction_of_another_connection_is_refused()
    {
        using var other = new SqliteConnection($"Data Source={path};Pooling=False");
        other.Open();
        using var transaction = other.BeginTransaction();

        Assert.Throws<InvalidOperationException>(() => statements.Execute(transaction, "DELETE FROM t"));
    }

    private (string? Type, object? Value) Stored(string key)
    {
        using var command = statements.Connection.CreateCommand();
        command.CommandText = "SELECT typeof(v), v FROM t WHERE k = $k";
        command.Parameters.AddWithValue("$k", key);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        // A blob as hex text, so that two stored values compare by content.
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetValue(1) is byte[] bytes ? Convert.ToHexString(bytes) : reader.GetValue(1));
    }
}
