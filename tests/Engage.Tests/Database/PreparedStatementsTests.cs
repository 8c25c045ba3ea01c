using Engage.BuildingBlocks.Database;
using Microsoft.Data.Sqlite;

namespace Engage.Tests.Database;

/// <summary>
/// The writer's statements: Execute, Scalar and Query bind and step through SQLitePCL, and must
/// store, count and read exactly what a SqliteCommand would.
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

    [Theory]
    [MemberData(nameof(Values))]
    public void Scalar_and_Query_read_a_value_as_a_SqliteCommand_reads_it(string name, object? value)
    {
        var connection = statements.Connection;
        using var transaction = connection.BeginTransaction();
        statements.Execute(transaction, "INSERT INTO t (k, v) VALUES ($k, $v)", ("$k", "key"), ("$v", value));
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT v FROM t WHERE k = 'key'";
        var expected = command.ExecuteScalar() is var scalar and not DBNull ? scalar : null;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());

        Assert.Equal(expected, statements.Scalar(transaction, "SELECT v FROM t WHERE k = $k", ("$k", "key")));
        using var rows = statements.Query(transaction, "SELECT v FROM t WHERE k = $k", ("$k", "key"));
        Assert.True(rows.Read());
        Assert.Equal(reader.IsDBNull(0), rows.IsDBNull(0));
        Assert.Equal(expected, rows.GetValue(0));
        Assert.Equal(reader.IsDBNull(0) ? null : reader.GetString(0), rows.GetNullableString(0));
        if (!reader.IsDBNull(0))
        {
            Assert.Equal(reader.GetFieldValue<byte[]>(0), rows.GetBytes(0));
        }

        Assert.False(rows.Read());
        Assert.NotNull(name);
    }

    [Fact]
    public void Query_reads_every_row_and_a_cached_statement_reads_anew_with_new_arguments()
    {
        using var transaction = statements.Connection.BeginTransaction();
        foreach (var (k, v) in new (string, object?)[] { ("a", 1), ("b", "two"), ("c", null), ("d", 4) })
        {
            statements.Execute(transaction, "INSERT INTO t (k, v) VALUES ($k, $v)", ("$k", k), ("$v", v));
        }

        const string sql = "SELECT k, v FROM t WHERE k >= $from ORDER BY k";
        Assert.Equal(["a:1", "b:two", "c:", "d:4"], Read(sql, "a"));
        Assert.Equal(["c:", "d:4"], Read(sql, "c"));
        // Rows disposed before the end: the next execution starts from the first row again.
        using (var rows = statements.Query(transaction, sql, ("$from", "a")))
        {
            Assert.True(rows.Read());
        }

        Assert.Equal(["b:two", "c:", "d:4"], Read(sql, "b"));
        Assert.Null(statements.Scalar(transaction, "SELECT v FROM t WHERE k = $k", ("$k", "none")));

        List<string> Read(string text, string from)
        {
            using var rows = statements.Query(transaction, text, ("$from", from));
            var read = new List<string>();
            while (rows.Read())
            {
                Assert.Equal(rows.IsDBNull(1) ? null : rows.GetValue(1)?.ToString(), rows.GetNullableString(1));
                read.Add($"{rows.GetString(0)}:{rows.GetNullableString(1)}");
            }

            Assert.False(rows.Read());
            return read;
        }
    }

    [Fact]
    public void Returning_rows_of_a_change_are_read_and_the_change_is_made()
    {
        using var transaction = statements.Connection.BeginTransaction();
        Assert.Equal(1L, statements.Scalar(transaction, "INSERT INTO n (x) VALUES ($x) RETURNING rowid", ("$x", 7)));
        Assert.Equal(2L, statements.Scalar(transaction, "INSERT INTO n (x) VALUES ($x) RETURNING rowid", ("$x", 8)));
        using (var rows = statements.Query(transaction, "UPDATE n SET x = x + 1 RETURNING x"))
        {
            Assert.True(rows.Read()); // the update is done at the first row, even when the rest is not read
        }

        transaction.Commit();
        using var command = statements.Connection.CreateCommand();
        command.CommandText = "SELECT group_concat(x) FROM (SELECT x FROM n ORDER BY x)";
        Assert.Equal("8,9", command.ExecuteScalar());
    }

    [Fact]
    public void A_failing_query_throws_the_SqliteException_a_command_would_and_the_transaction_goes_on()
    {
        using var transaction = statements.Connection.BeginTransaction();
        statements.Execute(transaction, "INSERT INTO t (k, v) VALUES ($k, $v)", ("$k", "dup"), ("$v", 1));
        const string insert = "INSERT INTO t (k, v) VALUES ($k, $v) RETURNING k";

        var error = Assert.Throws<SqliteException>(() =>
        {
            using var rows = statements.Query(transaction, insert, ("$k", "dup"), ("$v", 2));
            rows.Read();
        });
        var scalarError = Assert.Throws<SqliteException>(() => statements.Scalar(transaction, insert, ("$k", "dup"), ("$v", 2)));

        Assert.Equal(1555, error.SqliteExtendedErrorCode); // SQLITE_CONSTRAINT_PRIMARYKEY
        Assert.Equal(1555, scalarError.SqliteExtendedErrorCode);
        Assert.Equal("next", statements.Scalar(transaction, insert, ("$k", "next"), ("$v", 3)));
        var invalid = Assert.Throws<SqliteException>(() => statements.Query(transaction, "SELECT nope FROM t"));
        Assert.Contains("no such column: nope", invalid.Message);
        // Two statements are refused before either runs.
        Assert.Throws<ArgumentException>(() => statements.Query(transaction, "INSERT INTO n (x) VALUES (1); SELECT 2"));
        Assert.Equal(0L, statements.Scalar(transaction, "SELECT COUNT(*) FROM n"));
        Assert.Throws<ArgumentException>(() => statements.Query(transaction, "SELECT $v", ("$v", 1.5m)));
        transaction.Commit();
        Assert.Equal(3L, Stored("next").Value);
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

    [Fact]
    public void While_timings_are_set_each_statement_adds_its_runs_under_its_text_and_none_otherwise()
    {
        // Texts no other test runs: other tests may run statements while the timings are set.
        const string insert = "INSERT INTO n (x) VALUES ($x) -- timed";
        const string count = "SELECT COUNT(*) FROM n -- timed";
        const string read = "SELECT x FROM n ORDER BY x -- timed";
        var timings = new StatementTimings();
        var connection = statements.Connection;
        using var transaction = connection.BeginTransaction();
        statements.Execute(transaction, insert, ("$x", 1));
        PreparedStatements.Timings = timings;
        try
        {
            statements.Execute(transaction, insert, ("$x", 2));
            statements.Execute(transaction, insert, ("$x", 3));
            Assert.Equal(3L, statements.Scalar(transaction, count));
            using (var rows = statements.Query(transaction, read))
            {
                while (rows.Read())
                {
                }
            }
        }
        finally
        {
            PreparedStatements.Timings = null;
        }

        statements.Execute(transaction, insert, ("$x", 4));
        var recorded = timings.Snapshot().Where(row => row.Name.EndsWith("-- timed", StringComparison.Ordinal)).ToDictionary(row => row.Name);
        Assert.Equal(2, recorded[insert].Count);
        Assert.Equal(1, recorded[count].Count);
        Assert.Equal(1, recorded[read].Count);
        Assert.Equal(3, recorded.Count);
        Assert.All(recorded.Values, row => Assert.True(row.Total > TimeSpan.Zero));
    }
}
