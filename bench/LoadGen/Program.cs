using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

// LoadGen latency --base URL --key K --order FILE --rate 300 --duration 15 --prefix P
//     Open loop: starts one POST every 1/rate s (never waits for earlier ones), then polls the job
//     until 302; reports p50/p95/p99/max of POST->202 and of POST->302.
// LoadGen get --base URL --key K --paths FILE --rate 500 --duration 15 [--name NAME]
//     Open loop fixed-rate GETs over random paths from FILE; reports status counts and latency
//     percentiles. First probes one path: 404/405/501 prints "n/a: endpoint returned ...".
// LoadGen drain --db FILE --prefix P --timeout 15 [--since-ms EPOCHMS]
//     Read-only on the database file: waits until no job of the prefix is Pending, the outbox has
//     no undelivered message and every Succeeded job's order exists; reports the time from
//     --since-ms (the end of the load) and what it found.
// Every line meant for run.sh starts with "RESULT ".
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: LoadGen latency|get|drain --option value ...");
    return 2;
}

var options = Args.Parse(args[1..]);
return args[0] switch
{
    "latency" => await Latency.RunAsync(options),
    "get" => await Get.RunAsync(options),
    "drain" => await Drain.RunAsync(options),
    _ => 2,
};

internal static class Http
{
    public static HttpClient Create(string baseUrl, string key)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // the 302 is the measurement
            MaxConnectionsPerServer = 512,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("apikey", key);
        return client;
    }

    /// <summary>Fires <paramref name="work"/> every 1/rate s for duration s, open loop; waits for all to finish (bounded).</summary>
    public static async Task<int> OpenLoopAsync(double rate, double duration, Func<int, Task> work)
    {
        var total = (int)Math.Round(rate * duration);
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        // Every millisecond or so, start everything that has come due (no spinning: the client shares
        // 2 cores with the server). Latency is measured from each request's actual start.
        var next = 0;
        while (next < total)
        {
            var due = (int)Math.Min(total, Math.Floor(clock.Elapsed.TotalSeconds * rate) + 1);
            for (; next < due; next++)
            {
                var index = next;
                tasks.Add(Task.Run(() => work(index)));
            }

            if (next < total)
            {
                await Task.Delay(1);
            }
        }

        var all = Task.WhenAll(tasks);
        await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(60)));
        var lag = clock.Elapsed.TotalSeconds - duration;
        Console.WriteLine($"  sent {total} in {duration:F1}s at {rate}/s (finished {lag:F2}s after the last send)");
        return total;
    }

    public static string Percentiles(List<double> ms)
    {
        if (ms.Count == 0)
        {
            return "n=0";
        }

        ms.Sort();
        return $"n={ms.Count} p50={P(ms, 50):F2} p95={P(ms, 95):F2} p99={P(ms, 99):F2} max={ms[^1]:F2}";
    }

    public static double P(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

internal static class Latency
{
    public static async Task<int> RunAsync(Args options)
    {
        var rate = options.Double("rate", 300);
        var duration = options.Double("duration", 15);
        var prefix = options.Get("prefix") ?? $"lat{Random.Shared.Next():x8}";
        var template = File.ReadAllText(options.Get("order") ?? throw new ArgumentException("--order FILE"));
        if (!template.Contains("__ORDER_ID__", StringComparison.Ordinal))
        {
            throw new ArgumentException("the order file must contain __ORDER_ID__ where the orderId goes");
        }

        using var client = Http.Create(options.Get("base") ?? "http://127.0.0.1:5000", options.Get("key") ?? "bench-key");
        var accepted = new ConcurrentBag<double>();
        var stored = new ConcurrentBag<double>();
        var polls = 0L;
        var errors = new ConcurrentDictionary<string, int>();

        // Warm the connection pool and JIT outside the measurement.
        for (var i = 0; i < 20; i++)
        {
            using var _ = await client.GetAsync("/health/live");
        }

        await Http.OpenLoopAsync(rate, duration, async i =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var content = new StringContent(template.Replace("__ORDER_ID__", $"{prefix}-{i}", StringComparison.Ordinal), Encoding.UTF8, "application/json");
                using var post = await client.PostAsync("/api/v3/orders", content);
                if (post.StatusCode != HttpStatusCode.Accepted)
                {
                    errors.AddOrUpdate($"POST {(int)post.StatusCode}", 1, (_, n) => n + 1);
                    return;
                }

                accepted.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var job = post.Headers.Location ?? throw new InvalidOperationException("202 without Location");
                var delay = 1;
                while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(delay);
                    delay = Math.Min(delay * 2, 8); // 1, 2, 4, 8, 8, ... ms between polls
                    Interlocked.Increment(ref polls);
                    using var status = await client.GetAsync(job);
                    if (status.StatusCode == HttpStatusCode.Found)
                    {
                        stored.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        return;
                    }

                    if (status.StatusCode != HttpStatusCode.OK)
                    {
                        errors.AddOrUpdate($"job {(int)status.StatusCode}", 1, (_, n) => n + 1);
                        return;
                    }
                }

                errors.AddOrUpdate("job not done after 30s", 1, (_, n) => n + 1);
            }
            catch (Exception exception)
            {
                errors.AddOrUpdate(exception.GetType().Name, 1, (_, n) => n + 1);
            }
        });

        var acceptedList = accepted.ToList();
        var storedList = stored.ToList();
        var errorText = errors.IsEmpty ? "none" : string.Join(", ", errors.Select(e => $"{e.Key}: {e.Value}"));
        Console.WriteLine($"  POST->202: {Http.Percentiles(acceptedList)} ms");
        Console.WriteLine($"  POST->302: {Http.Percentiles(storedList)} ms (job polled every 1,2,4,8,8.. ms; {polls} polls)");
        Console.WriteLine($"  errors: {errorText}");
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT latency n={storedList.Count} p50={Http.P(storedList, 50):F2} p95={Http.P(storedList, 95):F2} p99={Http.P(storedList, 99):F2} max={(storedList.Count > 0 ? storedList[^1] : double.NaN):F2} post_p99={Http.P(acceptedList, 99):F2} errors={errors.Values.Sum()}"));
        return 0;
    }
}

internal static class Get
{
    public static async Task<int> RunAsync(Args options)
    {
        var rate = options.Double("rate", 500);
        var duration = options.Double("duration", 15);
        var name = options.Get("name") ?? "get";
        var paths = File.ReadAllLines(options.Get("paths") ?? throw new ArgumentException("--paths FILE")).Where(p => p.Length > 0).ToArray();
        using var client = Http.Create(options.Get("base") ?? "http://127.0.0.1:5000", options.Get("key") ?? "bench-key");

        using (var probe = await client.GetAsync(paths[0]))
        {
            var code = (int)probe.StatusCode;
            if (code is 404 or 405 or 501)
            {
                var body = await probe.Content.ReadAsStringAsync();
                Console.WriteLine($"  probe {paths[0]} -> {code}: {body[..Math.Min(200, body.Length)]}");
                Console.WriteLine($"RESULT {name} na=endpoint_returned_{code}");
                return 0;
            }
        }

        // Warm-up: a second of traffic outside the measurement.
        for (var i = 0; i < 200; i++)
        {
            using var _ = await client.GetAsync(paths[Random.Shared.Next(paths.Length)]);
        }

        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<string, int>();
        var bytes = 0L;
        await Http.OpenLoopAsync(rate, duration, async i =>
        {
            var path = paths[Random.Shared.Next(paths.Length)];
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Interlocked.Add(ref bytes, response.Content.Headers.ContentLength ?? 0);
                statuses.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                latencies.Add(elapsed);
            }
            catch (Exception exception)
            {
                statuses.AddOrUpdate(exception.GetType().Name, 1, (_, n) => n + 1);
            }
        });

        var list = latencies.ToList();
        var ok = statuses.GetValueOrDefault("200");
        var errors = statuses.Where(s => s.Key != "200").Sum(s => s.Value);
        Console.WriteLine($"  {name}: {Http.Percentiles(list)} ms; statuses {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}; avg body {(ok > 0 ? bytes / ok : 0)} B");
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT {name} n={list.Count} p50={Http.P(list, 50):F2} p95={Http.P(list, 95):F2} p99={Http.P(list, 99):F2} max={(list.Count > 0 ? list[^1] : double.NaN):F2} errors={errors}"));
        return 0;
    }
}

internal static class Drain
{
    public static async Task<int> RunAsync(Args options)
    {
        var db = options.Get("db") ?? throw new ArgumentException("--db FILE");
        var prefix = options.Get("prefix") ?? throw new ArgumentException("--prefix P");
        var timeout = options.Double("timeout", 15);
        var since = options.Get("since-ms") is { } ms
            ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture))
            : DateTimeOffset.UtcNow;
        var deadline = since + TimeSpan.FromSeconds(timeout);
        var hardStop = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(timeout + 120); // keep watching a while past the target, bounded
        var like = prefix + "-%";
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        Exec(connection, "PRAGMA busy_timeout=5000");

        long jobs = 0, pending = 0, failed = 0, outbox = 0, parked = 0, orders = 0;
        var firstLine = true;
        while (true)
        {
            jobs = Scalar(connection, "SELECT count(*) FROM orders_jobs WHERE order_id LIKE $p", like);
            pending = Scalar(connection, "SELECT count(*) FROM orders_jobs WHERE status = 'Pending' AND order_id LIKE $p", like);
            outbox = Scalar(connection, "SELECT count(*) FROM messaging_outbox WHERE parked_at IS NULL", null);
            var now = DateTimeOffset.UtcNow;
            if (firstLine || (pending == 0 && outbox == 0) || now > hardStop)
            {
                Console.WriteLine($"  +{(now - since).TotalSeconds:F2}s: jobs {jobs}, pending {pending}, outbox undelivered {outbox}");
                firstLine = false;
            }

            if ((pending == 0 && outbox == 0) || now > hardStop)
            {
                break;
            }

            await Task.Delay(100);
        }

        var elapsed = (DateTimeOffset.UtcNow - since).TotalSeconds;
        failed = Scalar(connection, "SELECT count(*) FROM orders_jobs WHERE status = 'Failed' AND order_id LIKE $p", like);
        parked = Scalar(connection, "SELECT count(*) FROM messaging_outbox WHERE parked_at IS NOT NULL", null);
        orders = Scalar(connection, "SELECT count(*) FROM orders_orders WHERE order_id LIKE $p", like);
        // Evidence of the later stages for the burst's orders (the bench order's contact, articles and
        // store are all unknown): the contact stage's waiting orders and the log's warnings by message.
        var waiting = Scalar(connection, "SELECT count(*) FROM contacts_waiting_orders WHERE order_id LIKE $p", like);
        var entries = new List<string>();
        using (var command = new SqliteCommand("SELECT message, count(*) FROM integration_log_entries WHERE order_id LIKE $p GROUP BY message ORDER BY message", connection))
        {
            command.Parameters.AddWithValue("$p", like);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add($"'{reader.GetString(0)}' {reader.GetInt64(1)}");
            }
        }

        var done = pending == 0 && outbox == 0;
        var inTime = done && DateTimeOffset.UtcNow <= deadline + TimeSpan.FromMilliseconds(150);
        Console.WriteLine($"  jobs {jobs} (failed {failed}), orders stored {orders}, parked messages {parked}; waiting for their contact {waiting}; integration log: {string.Join(", ", entries)}");
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT drain done={(done ? 1 : 0)} seconds={elapsed:F2} in_time={(inTime ? 1 : 0)} jobs={jobs} failed={failed} orders={orders} parked={parked} pending={pending} outbox={outbox}"));
        return 0;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql, string? p)
    {
        using var command = new SqliteCommand(sql, connection);
        if (p is not null)
        {
            command.Parameters.AddWithValue("$p", p);
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}

internal sealed class Args
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public static Args Parse(string[] args)
    {
        var parsed = new Args();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                parsed.values[args[i][2..]] = args[++i];
            }
        }

        return parsed;
    }

    public string? Get(string name) => values.GetValueOrDefault(name);

    public double Double(string name, double fallback) =>
        values.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
