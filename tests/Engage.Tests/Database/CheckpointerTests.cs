using System.Net;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.Database;

/// <summary>
/// WAL checkpoints run on the checkpointer's own connection, never inside a writer's commit, and
/// the WAL still stays bounded under a steady stream of writes.
/// </summary>
public sealed class CheckpointerTests
{
    private const int PageFrame = 4096 + 24; // a WAL frame: a page and its header
    private const int Waves = 8;
    private const int OrdersPerWave = 100;

    [Fact]
    public async Task By_default_the_writers_never_checkpoint_themselves()
    {
        // Background checkpoints are on by default. The checkpointer never gets to run here:
        // whatever reaches the database file was copied by a writer.
        using var app = new EngageApp(new Dictionary<string, string?>
        {
            ["Engage:Database:CheckpointInterval"] = "01:00:00",
        });

        await WriteOrders(app);

        // SQLite's own default checkpoints at 1000 pages and restarts the WAL at the next write, so it
        // would stay below 1000 pages plus one batch's (well under 2000, the bound the last test
        // holds it to). These writes came to 2,900-3,200 pages in runs here; fewer, larger commits on
        // a faster machine write fewer, so the bound is the one that tells the two apart.
        var wal = new FileInfo(app.DatabasePath + "-wal").Length;
        Assert.True(wal > 2000L * PageFrame, $"the WAL holds {wal / PageFrame} pages; with autocheckpoints off it holds every write");
        Assert.True(new FileInfo(app.DatabasePath).Length < wal / 4, "the database file stays small: no writer copied the WAL into it");
    }

    [Fact]
    public async Task The_checkpointer_copies_the_wal_into_the_database_and_keeps_it_short()
    {
        using var app = new EngageApp(new Dictionary<string, string?>
        {
            ["Engage:Database:BackgroundCheckpoints"] = "true",
            ["Engage:Database:CheckpointInterval"] = "00:00:00.010",
            ["Engage:Database:WalRestartPages"] = "100",
        });

        await WriteOrders(app);

        // The same writes as above; the WAL is restarted again and again instead of holding them all.
        var wal = new FileInfo(app.DatabasePath + "-wal").Length;
        Assert.True(wal < 1500L * PageFrame, $"the WAL grew to {wal / PageFrame} pages");
        await Api.Eventually(
            () => Task.FromResult(new FileInfo(app.DatabasePath).Length > 1000L * 4096),
            "the checkpointer copies the orders into the database file");
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v3/orders/checkpointed-0")).StatusCode);
    }

    [Fact]
    public async Task Turned_off_the_writers_checkpoint_as_SQLite_does_by_default()
    {
        using var app = new EngageApp(new Dictionary<string, string?>
        {
            ["Engage:Database:BackgroundCheckpoints"] = "false",
        });

        await WriteOrders(app);

        // Checkpoints at 1000 pages, the WAL restarted at the next write: it stays short, and the
        // orders are in the database file. How much of them depends on when the last checkpoint ran
        // (the file held 950 to 1500 pages in runs of this test); without any checkpoint it keeps
        // the single page it was created with (see the first test).
        var wal = new FileInfo(app.DatabasePath + "-wal").Length;
        Assert.True(wal < 2000L * PageFrame, $"the WAL grew to {wal / PageFrame} pages");
        var file = new FileInfo(app.DatabasePath).Length;
        Assert.True(file > 250L * 4096, $"a writer copied the WAL into the database file (it holds {file / 4096} pages)");
    }

    /// <summary>Registers full orders in waves (each in parallel), waiting until every stage of a wave is done.</summary>
    private static async Task WriteOrders(EngageApp app)
    {
        var client = app.Client();
        for (var wave = 0; wave < Waves; wave++)
        {
            var jobs = await Task.WhenAll(Enumerable.Range(wave * OrdersPerWave, OrdersPerWave)
                .Select(i => client.RegisterOrder(Samples.FullOrder($"checkpointed-{i}"))));
            foreach (var job in jobs)
            {
                Assert.Equal(HttpStatusCode.Found, (await client.WaitForJob(job)).StatusCode);
            }

            await Api.Eventually(async () =>
            {
                using var connection = app.OpenDatabase();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM messaging_outbox";
                return (long)(await command.ExecuteScalarAsync())! == 0;
            }, "every stage of every order is done");
        }
    }
}
