using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

// StageBench [--orders 4000] [--rounds 9] [--warmup 2] [--order bench/order.json] [--allocations] [--statements] [--wal DIR] [--set Key=Value ...]
//     The asynchronous stages alone (store, contact, references, log), in one process: each round
//     accepts --orders orders through the real HTTP pipeline of the service (in-memory test server,
//     outbox pump off), then drains them with OutboxProcessor.DrainAsync and measures the drain:
//     process CPU and wall time per order, bytes the process wrote per order (WAL and checkpoints)
//     and bytes allocated per order. The warm-up rounds (JIT, tiering) are not counted. Rounds run on
//     the same database, so later rounds drain into a larger one, as a burst does.
//     --allocations also prints, per round, which types the drain allocated (sampled by the runtime's
//     AllocationTick event, about one sample per 100 KB).
//     --statements also prints, for the measured rounds, the time of each SQL statement and commit per
//     order, once for the accepting and once for the drain (PreparedStatements.Timings): where the
//     one writer's time goes, statement by statement. The timing itself adds a little to the CPU figures.
//     --wal DIR keeps, for each measured round, the WAL its accepting wrote and the WAL its drain wrote
//     (DIR/rN-accept.db and DIR/rN-drain.db, each with its -wal file): checkpoints are off for that, so
//     the CPU figures then leave out the copying. bench/walpages.py says which tables and indexes the
//     frames of such a WAL belong to, per order.
//     --set passes configuration to the service (e.g. --set Engage:Outbox:BatchSize=128).
// Prints a line per round, the median and the least (other load on the machine only ever adds); compare builds by running each a few times in turn.
internal static class StageBench
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        var orders = 4000;
        var rounds = 9;
        var warmup = 2;
        var orderFile = "bench/order.json";
        var settings = new Dictionary<string, string?>();
        var allocations = false;
        var statements = false;
        string? walDirectory = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--orders": orders = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--order": orderFile = args[++i]; break;
                case "--allocations": allocations = true; break;
                case "--statements": statements = true; break;
                case "--wal": walDirectory = args[++i]; break;
                case "--set":
                    var pair = args[++i].Split('=', 2);
                    settings[pair[0]] = pair.Length == 2 ? pair[1] : null;
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }

        var template = File.ReadAllText(orderFile);
        var directory = Path.Combine(Path.GetTempPath(), $"stagebench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var database = Path.Combine(directory, "engage.db");
        settings["ConnectionStrings:Engage"] = $"Data Source={database}";
        settings["Engage:ApiKeys:0"] = "bench-key";
        settings["Engage:RateLimit:PermitsPerSecond"] = "0";
        settings["Engage:Outbox:Enabled"] = "false";
        if (walDirectory is not null)
        {
            Directory.CreateDirectory(walDirectory);
            settings["Engage:Database:BackgroundCheckpoints"] = "false";
        }

        try
        {
            await using var app = new Service(settings);
            using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add("apikey", "bench-key");
            var processor = app.Services.GetRequiredService<OutboxProcessor>();

            var results = new List<(double CpuUs, double WallUs, double Written, double Allocated)>();
            var acceptTimings = new StatementTimings();
            var drainTimings = new StatementTimings();
            Console.WriteLine($"orders per round {orders}, {warmup} warm-up rounds, {rounds} measured, {Environment.ProcessorCount} cores");
            for (var round = 1 - warmup; round <= rounds; round++)
            {
                var keepWal = walDirectory is not null && round > 0;
                if (keepWal)
                {
                    Checkpoint(database);
                    StopCheckpoints(app);
                }

                PreparedStatements.Timings = statements && round > 0 ? acceptTimings : null;
                await AcceptAsync(client, template, $"r{round + warmup}", orders);
                PreparedStatements.Timings = null;
                if (keepWal)
                {
                    KeepWal(database, walDirectory!, $"r{round}-accept");
                }

                if (CountPending(database) != orders)
                {
                    throw new InvalidOperationException("The backlog is not what was accepted.");
                }

                // The drain starts from an empty WAL, so what the checkpointer copies meanwhile is the drain's own.
                Checkpoint(database);
                GC.Collect();
                var process = Process.GetCurrentProcess();
                var cpu0 = process.TotalProcessorTime;
                var written0 = WrittenBytes();
                var allocated0 = GC.GetTotalAllocatedBytes();
                var wall = Stopwatch.StartNew();
                using (var sampler = allocations && round > 0 ? new AllocationSampler() : null)
                {
                    PreparedStatements.Timings = statements && round > 0 ? drainTimings : null;
                    await processor.DrainAsync();
                    wall.Stop();
                    PreparedStatements.Timings = null;
                    sampler?.Print(orders);
                }

                process.Refresh();
                var cpu = process.TotalProcessorTime - cpu0;
                var written = WrittenBytes() - written0;
                var allocated = GC.GetTotalAllocatedBytes() - allocated0;
                if (keepWal)
                {
                    KeepWal(database, walDirectory!, $"r{round}-drain");
                }

                var left = CountPending(database);
                if (left != 0)
                {
                    throw new InvalidOperationException($"{left} jobs were left pending.");
                }

                var result = (cpu.TotalMicroseconds / orders, wall.Elapsed.TotalMicroseconds / orders, (double)written / orders, (double)allocated / orders);
                Console.WriteLine($"{(round <= 0 ? "warm-up" : $"round {round}")}: cpu {result.Item1:F1} us/order, wall {result.Item2:F1} us/order, written {result.Item3:F0} B/order, allocated {result.Item4:F0} B/order");
                if (round > 0)
                {
                    results.Add(result);
                }
            }

            // The machine's other load only ever adds time, so the least is the closest to the stages' own cost.
            Console.WriteLine(
                $"RESULT median cpu {Median(results.Select(r => r.CpuUs)):F1} (least {results.Min(r => r.CpuUs):F1}) us/order, " +
                $"wall {Median(results.Select(r => r.WallUs)):F1} (least {results.Min(r => r.WallUs):F1}) us/order, " +
                $"written {Median(results.Select(r => r.Written)):F0} B/order, allocated {Median(results.Select(r => r.Allocated)):F0} B/order");
            if (statements)
            {
                PrintTimings("accepting", acceptTimings, orders * rounds);
                PrintTimings("drain", drainTimings, orders * rounds);
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task AcceptAsync(HttpClient client, string template, string prefix, int orders)
    {
        var next = -1;
        var workers = Enumerable.Range(0, 32).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < orders)
            {
                using var content = new StringContent(template.Replace("__ORDER_ID__", $"{prefix}-{n}", StringComparison.Ordinal), Encoding.UTF8, "application/json");
                using var response = await client.PostAsync("/api/v3/orders", content);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        });
        await Task.WhenAll(workers);
    }

    // Per order of the measured rounds: microseconds, executions, and the SQL text on one line.
    private static void PrintTimings(string phase, StatementTimings timings, int orders)
    {
        var rows = timings.Snapshot();
        var total = rows.Sum(r => r.Total.TotalMicroseconds) / orders;
        Console.WriteLine($"STATEMENTS {phase}: {total:F1} us of SQL and commits per order");
        foreach (var (name, time, count) in rows)
        {
            var text = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Console.WriteLine(
                $"  {time.TotalMicroseconds / orders,7:F2} us {(double)count / orders,6:F2}x  {(text.Length > 100 ? text[..100] + "…" : text)}");
        }
    }

    private static void Checkpoint(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
    }

    // The writer connection checkpoints at 1000 pages by default: off, so the WAL holds everything written.
    private static void StopCheckpoints(Service app)
    {
        using var pragma = app.Services.GetRequiredService<Engage.BuildingBlocks.Database.Db>().Writer.Connection.CreateCommand();
        pragma.CommandText = "PRAGMA wal_autocheckpoint=0";
        pragma.ExecuteNonQuery();
    }

    private static void KeepWal(string database, string directory, string name)
    {
        File.Copy(database, Path.Combine(directory, name + ".db"), overwrite: true);
        File.Copy(database + "-wal", Path.Combine(directory, name + ".db-wal"), overwrite: true);
    }

    private static long CountPending(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM orders_jobs WHERE status = 'Pending'";
        return (long)command.ExecuteScalar()!;
    }

    // What the process has written (Linux, /proc/self/io); 0 elsewhere.
    private static long WrittenBytes()
    {
        const string path = "/proc/self/io";
        if (!File.Exists(path))
        {
            return 0;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("wchar:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["wchar:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>The service with the bench's settings (host settings, so Program sees them before it builds).</summary>
internal sealed class Service(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>The runtime's AllocationTick events (one per ~100 KB allocated), summed by type.</summary>
internal sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
{
    private readonly Dictionary<string, long> bytesByType = [];

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1); // GC
        }
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs data)
    {
        if (data.EventName != "GCAllocationTick_V4" || data.Payload is null)
        {
            return;
        }

        var type = data.Payload[data.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(data.Payload[data.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        lock (bytesByType)
        {
            bytesByType[type] = bytesByType.GetValueOrDefault(type) + amount;
        }
    }

    public void Print(int orders)
    {
        lock (bytesByType)
        {
            foreach (var (type, bytes) in bytesByType.OrderByDescending(p => p.Value).Take(15))
            {
                Console.WriteLine($"    {bytes / orders,7} B/order  {type}");
            }
        }
    }
}
