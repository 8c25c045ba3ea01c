using Engage.BuildingBlocks;
using Engage.Tests.Infrastructure;
using Engage.Tests.IntegrationLog;

namespace Engage.Tests.Messaging;

/// <summary>Upgrading a database keeps the outbox's messages, their order and their state.</summary>
public sealed class OutboxMigrationTests
{
    [Fact]
    public async Task Messages_stored_before_the_outbox_was_rebuilt_keep_their_place_and_state()
    {
        // The outbox as its first migration left it: a parked message at seq 7.
        var path = OldDatabase.Create(
            OldDatabase.Migration(typeof(Ids), "0001_messaging") + OldDatabase.Applied(("messaging", "0001_messaging")) + """
            INSERT INTO messaging_outbox (seq, message_id, type, payload, created_at, attempts, next_attempt_at, last_error, parked_at)
            VALUES (7, 'old-parked', 'orders.order-write-accepted.v1', '{}', '2025-01-01T00:00:00Z', 5, 0, 'boom', '2025-01-01T00:01:00Z');
            """);

        using var app = new EngageApp(new Dictionary<string, string?> { ["Engage:Outbox:Enabled"] = "false" }, databasePath: path);
        await app.Client().RegisterOrder(Samples.MinimalOrder("after-upgrade"));

        Assert.Equal(5L, app.Scalar("SELECT attempts FROM messaging_outbox WHERE seq = 7 AND message_id = 'old-parked' AND parked_at IS NOT NULL"));
        Assert.Equal(8L, app.Scalar("SELECT seq FROM messaging_outbox WHERE message_id <> 'old-parked'"));
        Assert.Equal(0L, app.Scalar("SELECT COUNT(*) FROM sqlite_sequence WHERE name = 'messaging_outbox'"));
        Assert.Equal(0L, app.Scalar("SELECT COUNT(*) FROM pragma_index_list('messaging_outbox') WHERE \"unique\" = 1"));
        Assert.Equal(1L, app.Scalar("SELECT COUNT(*) FROM pragma_index_list('messaging_outbox') WHERE name = 'ix_messaging_outbox_due' AND partial = 1"));
        Assert.True(app.Processor.AnyDue());
    }
}
