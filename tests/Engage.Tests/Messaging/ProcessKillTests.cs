using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Engage.Tests.Infrastructure;

namespace Engage.Tests.Messaging;

/// <summary>
/// The 202 promise under the harshest test: the real service in its own process, killed with
/// SIGKILL in the middle of a burst of POSTs. Every order that got a 202 must exist after a
/// restart, exactly once.
/// </summary>
public sealed class ProcessKillTests : IDisposable
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "engage-tests", $"{Guid.NewGuid():N}.db");

    public void Dispose() => EngageApp.DeleteDatabase(databasePath);

    [Fact]
    public async Task A_process_killed_during_a_burst_loses_no_accepted_order()
    {
        var port = FreePort();
        var accepted = new ConcurrentBag<string>();
        using (var service = Start(port))
        {
            using var client = Client(port);
            await WaitUntilReady(client);
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var orderId = $"kill-{sender}-{i}";
                    try
                    {
                        var response = await client.PostJson("/api/v3/orders", Samples.MinimalOrder(orderId));
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            accepted.Add(orderId);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the process is gone
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToArray();

            // Kill mid-burst: once a good number of orders got their 202 (however busy the machine is).
            await Api.Eventually(() => Task.FromResult(accepted.Count >= 100 || senders.All(s => s.IsCompleted)), "100 orders accepted");
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }

        Assert.True(accepted.Count >= 100, $"the burst should have been accepted in part before the kill; got {accepted.Count}");

        using (var restarted = Start(port))
        {
            using var client = Client(port);
            await WaitUntilReady(client);
            foreach (var orderId in accepted)
            {
                await Api.Eventually(async () => (await client.GetAsync($"/api/v3/orders/{orderId}")).StatusCode == HttpStatusCode.OK,
                    $"order {orderId}, accepted before the kill, is stored after the restart");
            }

            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync();
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT order_id) FROM orders_orders";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
        Assert.True(reader.GetInt64(0) >= accepted.Count);
    }

    private Process Start(int port)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Engage.Host.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Engage"] = $"Data Source={databasePath}";
        info.Environment["Engage__ApiKeys__0"] = EngageApp.ApiKey;
        info.Environment["Engage__RateLimit__PermitsPerSecond"] = "0";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static HttpClient Client(int port)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("apikey", EngageApp.ApiKey);
        return client;
    }

    private static async Task WaitUntilReady(HttpClient client) =>
        await Api.Eventually(async () =>
        {
            try
            {
                return (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the service answers /health/ready");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
