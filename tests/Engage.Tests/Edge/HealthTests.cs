using System.Net;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.Edge;

public sealed class HealthTests
{
    [Fact]
    public async Task Ready_is_503_when_the_database_is_unreachable_while_live_stays_200()
    {
        using var app = new EngageApp();
        var client = app.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // Take the database away: the file becomes a directory, which SQLite cannot open.
        EngageApp.DeleteDatabase(app.DatabasePath);
        Directory.CreateDirectory(app.DatabasePath);
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            Directory.Delete(app.DatabasePath);
        }
    }
}
