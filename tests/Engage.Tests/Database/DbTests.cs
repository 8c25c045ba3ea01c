using Engage.BuildingBlocks.Database;
using Microsoft.Data.Sqlite;

namespace Engage.Tests.Database;

/// <summary>Every connection the service reads with has the same settings, however often it comes back from the pool.</summary>
public sealed class DbTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "engage-tests", $"{Guid.NewGuid():N}.db");

    public void Dispose() => Infrastructure.EngageApp.DeleteDatabase(path);

    [Fact]
    public void A_pooled_connection_keeps_its_pragmas_from_one_open_to_the_next_and_a_new_one_gets_them()
    {
        var db = new Db($"Data Source={path}");
        SQLitePCL.sqlite3 first;
        using (var connection = db.Open())
        {
            first = connection.Handle!;
            AssertConfigured(connection);
        }

        using (var again = db.Open())
        {
            Assert.Same(first, again.Handle); // the same SQLite connection, back from the pool: no pragmas run this time
            AssertConfigured(again);
        }

        SqliteConnection.ClearPool(new SqliteConnection(db.ConnectionString));
        using var fresh = db.Open();
        Assert.NotSame(first, fresh.Handle);
        AssertConfigured(fresh);
    }

    private static void AssertConfigured(SqliteConnection connection)
    {
        Assert.Equal(1L, Pragma(connection, "foreign_keys"));
        Assert.Equal(10000L, Pragma(connection, "busy_timeout"));
        Assert.Equal(1L, Pragma(connection, "synchronous")); // NORMAL
        Assert.Equal(2L, Pragma(connection, "temp_store")); // MEMORY
    }

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (long)command.ExecuteScalar()!;
    }
}
