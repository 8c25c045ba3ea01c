using System.Net;
using Engage.Tests.Infrastructure;
using Engage.Tests.IntegrationLog;

namespace Engage.Tests.Database;

/// <summary>A new database gets the configured page size (4 KiB by default); an existing one keeps its own.</summary>
public sealed class PageSizeTests
{
    [Theory]
    [InlineData(null, 4096L)]
    [InlineData("8192", 8192L)]
    public async Task A_new_database_gets_the_configured_page_size(string? configured, long expected)
    {
        using var app = new EngageApp(configured is null ? null : new Dictionary<string, string?> { ["Engage:Database:PageSize"] = configured });
        var client = app.Client();
        var job = await client.RegisterOrder(Samples.FullOrder("page-size"));

        Assert.Equal(HttpStatusCode.Found, (await client.WaitForJob(job)).StatusCode);
        Assert.Equal(expected, app.Scalar("PRAGMA page_size"));
        Assert.Equal("wal", PragmaText(app, "journal_mode"));
    }

    [Fact]
    public async Task A_database_created_with_other_pages_keeps_them_and_works_as_before()
    {
        var path = OldDatabase.Create("PRAGMA page_size=16384; PRAGMA journal_mode=WAL; CREATE TABLE existing_before (x INTEGER);");

        using var app = new EngageApp(databasePath: path);
        var client = app.Client();
        var job = await client.RegisterOrder(Samples.MinimalOrder("small-pages"));

        Assert.Equal(HttpStatusCode.Found, (await client.WaitForJob(job)).StatusCode);
        Assert.Equal(16384L, app.Scalar("PRAGMA page_size"));
    }

    [Fact]
    public void A_page_size_SQLite_does_not_have_stops_the_service_at_start_with_the_reason()
    {
        using var app = new EngageApp(new Dictionary<string, string?> { ["Engage:Database:PageSize"] = "5000" });

        var error = Assert.ThrowsAny<Exception>(() => app.Client());

        Assert.Contains("Engage:Database:PageSize must be a power of two from 512 to 65536", error.ToString());
    }

    private static string PragmaText(EngageApp app, string name)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (string)command.ExecuteScalar()!;
    }
}
