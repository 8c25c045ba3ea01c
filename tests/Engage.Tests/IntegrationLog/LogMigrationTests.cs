using System.Net;
using Engage.Modules.IntegrationLog;
using Engage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Engage.Tests.IntegrationLog;

/// <summary>Upgrading a database keeps the integration log that was written before the upgrade.</summary>
public sealed class LogMigrationTests
{
    [Fact]
    public async Task Entries_written_before_the_entry_table_was_rebuilt_are_still_served_after_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "engage-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            // The log as the first migration left it, with one entry, and only that migration applied.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = FirstMigration() + """
                CREATE TABLE schema_migrations (module TEXT NOT NULL, version TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version)) WITHOUT ROWID;
                INSERT INTO schema_migrations VALUES ('integration-log', '0001_integration_log', '2025-01-01T00:00:00Z');
                INSERT INTO integration_log_entries (id, timestamp, timestamp_utc, severity, message, reason, proposed_action, order_id, job_id, details, dedup_key)
                VALUES ('0190a1b2-0000-7000-8000-000000000001', '2025-01-01T10:00:00+01:00', '2025-01-01T09:00:00.0000000Z', 'Warning',
                        'Store is missing', 'r', 'a', 'old-order', NULL, '{"externalStoreId":"S1"}', 'store-missing|old-order|v|S1');
                """;
            command.ExecuteNonQuery();
        }

        using var app = new EngageApp(databasePath: path);
        var entries = await app.Client().Entries("old-order");

        var entry = Assert.Single(entries);
        Assert.Equal("0190a1b2-0000-7000-8000-000000000001", entry!["id"].Text());
        Assert.Equal("Store is missing", entry["message"].Text());
        Assert.Equal("S1", entry["details"]!["externalStoreId"].Text());
        // The rebuilt table keeps its sequence: a new entry sorts after the old one and does not reuse its seq.
        Assert.Equal(1L, app.Scalar("SELECT seq FROM sqlite_sequence WHERE name = 'integration_log_entries'"));
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync("/api/v3/integration-log?severity=Warning")).StatusCode);

        // 0003 rebuilt the listing indexes ascending and without the id; the old entry is in each of them.
        foreach (var (index, columns) in new[] { ("time", "(timestamp_utc)"), ("order", "(order_id, timestamp_utc)"), ("severity", "(severity, timestamp_utc)") })
        {
            using var connection = app.OpenDatabase();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT sql FROM sqlite_schema WHERE name = 'ix_integration_log_entries_{index}'";
            Assert.Contains($"ON integration_log_entries {columns}", (string)command.ExecuteScalar()!);
        }

        foreach (var query in new[] { "", "?orderId=old-order", "?severity=Warning", "?orderId=old-order&severity=warning" })
        {
            var page = await (await app.Client().GetAsync($"/api/v3/integration-log{query}")).Body();
            Assert.Equal("0190a1b2-0000-7000-8000-000000000001", Assert.Single(page["items"]!.AsArray())!["id"].Text());
        }
    }

    private static string FirstMigration()
    {
        var assembly = typeof(IntegrationLogModule).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Migrations.0001_integration_log.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
