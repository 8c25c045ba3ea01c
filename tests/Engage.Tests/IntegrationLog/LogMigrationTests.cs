using System.Net;
using Engage.Modules.IntegrationLog;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.IntegrationLog;

/// <summary>Upgrading a database keeps the integration log that was written before the upgrade.</summary>
public sealed class LogMigrationTests
{
    [Fact]
    public async Task Entries_written_before_the_entry_table_was_rebuilt_are_still_served_after_it()
    {
        // The log as the first migration left it, with one entry, and only that migration applied.
        var path = OldDatabase.Create(
            OldDatabase.Migration(typeof(IntegrationLogModule), "0001_integration_log") + OldDatabase.Applied(("integration-log", "0001_integration_log")) + """
            INSERT INTO integration_log_entries (id, timestamp, timestamp_utc, severity, message, reason, proposed_action, order_id, job_id, details, dedup_key)
            VALUES ('0190a1b2-0000-7000-8000-000000000001', '2025-01-01T10:00:00+01:00', '2025-01-01T09:00:00.0000000Z', 'Warning',
                    'Store is missing', 'r', 'a', 'old-order', NULL, '{"externalStoreId":"S1"}', 'store-missing|old-order|v|S1');
            """);

        using var app = new EngageApp(databasePath: path);
        var entries = await app.Client().Entries("old-order");

        var entry = Assert.Single(entries);
        Assert.Equal("0190a1b2-0000-7000-8000-000000000001", entry!["id"].Text());
        Assert.Equal("Store is missing", entry["message"].Text());
        Assert.Equal("S1", entry["details"]!["externalStoreId"].Text());
        // The rebuilt table keeps its sequence: a new entry sorts after the old one and does not reuse its seq.
        Assert.Equal(1L, app.Scalar("SELECT seq FROM sqlite_sequence WHERE name = 'integration_log_entries'"));
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync("/api/v3/integration-log?severity=Warning")).StatusCode);

        // 0003 rebuilt the listing indexes ascending and without the id; the old entry is in each of
        // them. 0004 dropped the time index (the whole log is listed from the severity index).
        using (var connection = app.OpenDatabase())
        using (var command = connection.CreateCommand())
        {
            string? IndexSql(string index)
            {
                command.CommandText = $"SELECT sql FROM sqlite_schema WHERE name = 'ix_integration_log_entries_{index}'";
                return command.ExecuteScalar() as string;
            }

            Assert.Null(IndexSql("time"));
            Assert.Contains("ON integration_log_entries (order_id, timestamp_utc)", IndexSql("order"));
            Assert.Contains("ON integration_log_entries (severity, timestamp_utc)", IndexSql("severity"));
        }

        foreach (var query in new[] { "", "?orderId=old-order", "?severity=Warning", "?orderId=old-order&severity=warning" })
        {
            var page = await (await app.Client().GetAsync($"/api/v3/integration-log{query}")).Body();
            Assert.Equal("0190a1b2-0000-7000-8000-000000000001", Assert.Single(page["items"]!.AsArray())!["id"].Text());
        }
    }
}
