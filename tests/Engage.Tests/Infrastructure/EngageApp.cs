using System.Net.Http.Headers;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Engage.Tests.Infrastructure;

/// <summary>
/// The real service over real HTTP (in-memory test server) on a real SQLite file of its own.
/// Settings are passed as host settings, so Program sees them before it builds. Dispose deletes
/// the database unless <see cref="KeepDatabase"/> is set (restart tests reuse the file).
/// </summary>
public sealed class EngageApp : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-key-0123456789";
    public const string OtherApiKey = "test-key-other";

    private readonly Dictionary<string, string?> settings;

    public EngageApp(IDictionary<string, string?>? settings = null, string? databasePath = null)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), "engage-tests", $"{Guid.NewGuid():N}.db");
        this.settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Engage"] = $"Data Source={DatabasePath}",
            ["Engage:ApiKeys:0"] = ApiKey,
            ["Engage:ApiKeys:1"] = OtherApiKey,
            ["Engage:RateLimit:PermitsPerSecond"] = "0",
            ["Engage:Outbox:TickInterval"] = "00:00:00.500",
            ["Engage:Outbox:RetryBaseDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }
    }

    public string DatabasePath { get; }

    public bool KeepDatabase { get; set; }

    /// <summary>A client that sends the API key and does not follow redirects (the 302 is what we test).</summary>
    public HttpClient Client(string? apiKey = ApiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("apikey", apiKey);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public OutboxProcessor Processor => Services.GetRequiredService<OutboxProcessor>();

    public Db Db => Services.GetRequiredService<Db>();

    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepDatabase)
        {
            DeleteDatabase(DatabasePath);
        }
    }

    public static void DeleteDatabase(string path)
    {
        // Only this database's pool: clearing every pool would close connections other tests are using.
        using (var connection = new SqliteConnection(new Engage.BuildingBlocks.Database.Db($"Data Source={path}").ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
        }
    }
}
