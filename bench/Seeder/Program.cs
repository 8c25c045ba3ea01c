using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

// Seeder --db FILE --count N [--contacts C] [--whale 2000] [--prefix seed] [--out DIR] [--batch 20000] [--seed 42]
//
// Inserts N orders straight into orders_orders of a database the service has migrated, in
// batched transactions with one prepared statement. Documents look like what the service stores
// (the normalised order plus type, contactId, registeredAt, versionTag); 1-4 line items, SKUs
// from a pool of 5,000, 40 stores, createdAt spread over two years. Every order is connected to a
// contact (contact_id set, as after the Contacts stage): contact 0 ("the whale") gets --whale
// orders, the others are drawn with a skew (index = C * u^2), so a few contacts have hundreds of
// orders and most have a handful. It is safe to run while the service is up and idle (each batch
// is one BEGIN IMMEDIATE transaction; the service's writers wait on busy_timeout).
//
// If the Contacts module's table exists (contacts_contacts) it also inserts the contacts, filling
// the columns it recognises by name, so the paging endpoint finds them; otherwise it says so.
//
// Writes into --out: get-paths.txt (GET-by-id paths of random seeded orders), page-paths.txt
// (paging paths: half the whale contact at random pages within its first 1,000 orders, half
// random contacts at offset 0), whale.txt (the whale's contactId and order count).
var options = Args.Parse(args);
var dbPath = options.Get("db") ?? throw new ArgumentException("--db FILE is required");
var count = int.Parse(options.Get("count") ?? "1000000", CultureInfo.InvariantCulture);
var contacts = int.Parse(options.Get("contacts") ?? Math.Max(10, count / 5).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
var whale = Math.Min(count, int.Parse(options.Get("whale") ?? "2000", CultureInfo.InvariantCulture));
var prefix = options.Get("prefix") ?? "seed";
var outDir = options.Get("out") ?? ".";
var batchSize = int.Parse(options.Get("batch") ?? "20000", CultureInfo.InvariantCulture);
var random = new Random(int.Parse(options.Get("seed") ?? "42", CultureInfo.InvariantCulture));
Directory.CreateDirectory(outDir);

var stopwatch = Stopwatch.StartNew();
using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
connection.Open();
Exec(connection, "PRAGMA busy_timeout=60000; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
if (Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='orders_orders'") == 0)
{
    Console.Error.WriteLine($"{dbPath} has no orders_orders table: start the service once on it so that it migrates, then seed.");
    return 2;
}

var start = Scalar(connection, $"SELECT count(*) FROM orders_orders WHERE order_id LIKE '{prefix}-%'");
if (start > 0)
{
    Console.Error.WriteLine($"{dbPath} already holds {start} orders with prefix '{prefix}-'; use another --prefix.");
    return 2;
}

var insert = connection.CreateCommand();
insert.CommandText = """
    INSERT INTO orders_orders (order_id, version_tag, contact_id, match_key_type, match_key, created_at_utc, registered_at, document)
    VALUES ($order, $version, $contact, 'Email', $matchKey, $createdUtc, $registered, $document)
    """;
foreach (var name in new[] { "$order", "$version", "$contact", "$matchKey", "$createdUtc", "$registered", "$document" })
{
    insert.Parameters.Add(name, SqliteType.Text);
}

var contactOrders = new int[contacts];
var baseTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
var versionBytes = new byte[16];
var document = new StringBuilder(4096);
for (var done = 0; done < count;)
{
    var inBatch = Math.Min(batchSize, count - done);
    using (var transaction = connection.BeginTransaction(deferred: false))
    {
        insert.Transaction = transaction;
        if (done == 0)
        {
            insert.Prepare();
        }

        for (var i = 0; i < inBatch; i++, done++)
        {
            // Interleave the whale's orders through the whole id range.
            var contact = whale > 0 && done % Math.Max(1, count / whale) == 0 && contactOrders[0] < whale
                ? 0
                : 1 + (int)((contacts - 1) * Math.Pow(random.NextDouble(), 2));
            contactOrders[contact]++;
            var orderId = OrderId(prefix, done);
            var createdAt = baseTime.AddSeconds(random.NextDouble() * 730 * 86400).ToOffset(TimeSpan.FromHours(1));
            var registeredAt = createdAt.AddMinutes(random.Next(1, 60)).ToUniversalTime();
            random.NextBytes(versionBytes);
            var versionTag = Convert.ToBase64String(versionBytes);
            var email = $"contact{contact}@example.com";
            BuildDocument(document, random, orderId, ContactId(contact), email, createdAt, registeredAt, versionTag);

            insert.Parameters["$order"].Value = orderId;
            insert.Parameters["$version"].Value = versionTag;
            insert.Parameters["$contact"].Value = ContactId(contact);
            insert.Parameters["$matchKey"].Value = email;
            insert.Parameters["$createdUtc"].Value = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
            insert.Parameters["$registered"].Value = registeredAt.ToString("O", CultureInfo.InvariantCulture);
            insert.Parameters["$document"].Value = document.ToString();
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    if (done % 100_000 < batchSize || done == count)
    {
        Console.WriteLine($"  seeded {done:N0}/{count:N0} orders in {stopwatch.Elapsed.TotalSeconds:F1}s");
    }
}

var contactsInserted = SeedContacts(connection, contactOrders);
Exec(connection, "PRAGMA wal_checkpoint(TRUNCATE);");

// Paths for the read benchmarks.
using (var writer = new StreamWriter(Path.Combine(outDir, "get-paths.txt")))
{
    for (var i = 0; i < 10_000; i++)
    {
        writer.WriteLine($"/api/v3/orders/{OrderId(prefix, random.Next(count))}");
    }
}

using (var writer = new StreamWriter(Path.Combine(outDir, "page-paths.txt")))
{
    var populated = Enumerable.Range(1, contacts - 1).Where(c => contactOrders[c] > 0).ToArray();
    for (var i = 0; i < 10_000; i++)
    {
        if (i % 2 == 0 && contactOrders[0] > 0)
        {
            var pages = Math.Max(1, Math.Min(contactOrders[0], 1000) / 10);
            writer.WriteLine($"/api/v3/orders?contactId={ContactId(0)}&offset={random.Next(pages) * 10}&count=10");
        }
        else if (populated.Length > 0)
        {
            writer.WriteLine($"/api/v3/orders?contactId={ContactId(populated[random.Next(populated.Length)])}&offset=0&count=10");
        }
    }
}

File.WriteAllText(Path.Combine(outDir, "whale.txt"), $"{ContactId(0)} {contactOrders[0]}\n");
var top = contactOrders.Select((n, c) => (n, c)).OrderByDescending(x => x.n).Take(5).Select(x => $"{ContactId(x.c)}={x.n}");
Console.WriteLine($"Seeded {count:N0} orders for {contactOrders.Count(n => n > 0):N0} contacts in {stopwatch.Elapsed.TotalSeconds:F1}s " +
    $"(contacts table rows: {contactsInserted}); busiest: {string.Join(", ", top)}");
Console.WriteLine($"db size: {new FileInfo(dbPath).Length / 1048576.0:F0} MiB");
return 0;

static string OrderId(string prefix, int i) => $"{prefix}-{i:D7}";

static string ContactId(int index) => $"{index:x8}-0000-4000-8000-00000000be4c";

static void BuildDocument(StringBuilder sb, Random random, string orderId, string contactId, string email,
    DateTimeOffset createdAt, DateTimeOffset registeredAt, string versionTag)
{
    var items = 1 + (random.Next(10) switch { < 5 => 0, < 8 => 1, < 9 => 2, _ => 3 });
    var full = random.Next(10) < 3; // 30 % carry addresses, payments, delivery, ...
    var lines = new StringBuilder();
    decimal subTotal = 0;
    for (var i = 0; i < items; i++)
    {
        var quantity = random.Next(1, 4);
        var price = random.Next(50, 2000) + 0.5m;
        var total = quantity * price;
        subTotal += total;
        var sku = $"SKU-{random.Next(5000):D5}";
        if (i > 0)
        {
            lines.Append(',');
        }

        lines.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"line-{i + 1}\",\"type\":\"Purchase\",\"quantity\":{quantity},\"article\":{{\"sku\":\"{sku}\",\"name\":\"Article {sku}\"");
        if (full)
        {
            lines.Append(CultureInfo.InvariantCulture, $",\"description\":\"Colour {random.Next(20)}, size {random.Next(34, 46)}\",\"imageUri\":\"https://shop.example.com/img/{sku}.png\",\"targetUri\":\"https://shop.example.com/p/{sku}\"");
        }

        lines.Append(CultureInfo.InvariantCulture, $"}},\"pricePerUnit\":{price},\"totalPrice\":{total}");
        if (full)
        {
            lines.Append(CultureInfo.InvariantCulture, $",\"taxes\":[{{\"type\":\"Vat\",\"percentage\":25,\"amount\":{Math.Round(total * 0.2m, 2)}}}]");
        }

        lines.Append('}');
    }

    var store = $"Store-{random.Next(40):D2}";
    var status = random.Next(10) < 7 ? "Completed" : "InProgress";
    sb.Clear();
    sb.Append(CultureInfo.InvariantCulture,
        $"{{\"orderId\":\"{orderId}\",\"type\":\"Purchase\",\"contact\":{{\"matchKeyType\":\"Email\",\"matchKey\":\"{email}\"}},\"contactId\":\"{contactId}\",\"status\":\"{status}\",\"externalStoreId\":\"{store}\",\"channel\":\"{(random.Next(2) == 0 ? "Ecom" : "Store")}\",\"currencyCode\":\"SEK\",");
    sb.Append(CultureInfo.InvariantCulture,
        $"\"createdAt\":\"{createdAt:yyyy-MM-dd'T'HH:mm:sszzz}\",\"registeredAt\":\"{registeredAt:O}\",\"totalPrice\":{subTotal},\"lineItems\":{{\"items\":[{lines}],\"subTotal\":{subTotal}}}");
    if (full)
    {
        sb.Append(CultureInfo.InvariantCulture,
            $",\"payments\":{{\"items\":[{{\"method\":\"Card\",\"amount\":{subTotal},\"reference\":\"psp-{random.Next():x8}\"}}]}},\"taxes\":[{{\"type\":\"Vat\",\"percentage\":25,\"amount\":{Math.Round(subTotal * 0.2m, 2)}}}],");
        sb.Append(CultureInfo.InvariantCulture,
            $"\"delivery\":{{\"method\":\"DHL\",\"trackingNumber\":\"{random.Next():D10}\",\"trackingUri\":\"https://dhl.com/track/{random.Next():D10}\"}},");
        sb.Append(CultureInfo.InvariantCulture,
            $"\"billingAddress\":{{\"firstName\":\"First{random.Next(1000)}\",\"lastName\":\"Last{random.Next(1000)}\",\"street\":\"Storgatan {random.Next(1, 99)}\",\"zipCode\":\"111 22\",\"city\":\"Stockholm\",\"countryCode\":\"SE\",\"email\":\"{email}\"}}");
    }

    sb.Append(CultureInfo.InvariantCulture, $",\"versionTag\":\"{versionTag}\"}}");
}

static int SeedContacts(SqliteConnection connection, int[] contactOrders)
{
    // The Contacts module's schema is being written in parallel; fill whatever table it has,
    // by column name, and skip quietly when there is none.
    var table = (string?)new SqliteCommand("SELECT name FROM sqlite_master WHERE type='table' AND name = 'contacts_contacts'", connection).ExecuteScalar();
    if (table is null)
    {
        Console.WriteLine("  no contacts table (Contacts module not migrated yet): contacts not seeded");
        return 0;
    }

    var columns = new List<(string Name, string Type, bool NotNull, bool HasDefault)>();
    using (var info = new SqliteCommand($"PRAGMA table_info({table})", connection).ExecuteReader())
    {
        while (info.Read())
        {
            columns.Add((info.GetString(1), info.GetString(2), info.GetInt32(3) == 1, !info.IsDBNull(4)));
        }
    }

    var values = new Dictionary<string, Func<int, object>>(StringComparer.OrdinalIgnoreCase)
    {
        ["contact_id"] = c => ContactId(c),
        ["email"] = c => $"contact{c}@example.com",
        ["email_normalized"] = c => $"contact{c}@example.com",
        ["email_key"] = c => $"contact{c}@example.com",
        ["first_name"] = c => $"First{c}",
        ["last_name"] = c => $"Last{c}",
        ["created_at"] = _ => "2024-01-01T00:00:00.0000000+00:00",
        ["updated_at"] = _ => "2024-01-01T00:00:00.0000000+00:00",
        ["version_tag"] = c => $"v{c}",
    };
    var used = columns.Where(c => values.ContainsKey(c.Name)).ToList();
    var missing = columns.Where(c => c.NotNull && !c.HasDefault && !values.ContainsKey(c.Name) && !(c.Name == "seq" || c.Type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase) && c.Name.EndsWith("id", StringComparison.Ordinal))).ToList();
    if (missing.Count > 0 || !used.Any(c => c.Name == "contact_id"))
    {
        Console.WriteLine($"  contacts table {table} has columns the seeder cannot fill ({string.Join(", ", missing.Select(m => m.Name))}): contacts not seeded");
        return 0;
    }

    var sql = $"INSERT OR IGNORE INTO {table} ({string.Join(", ", used.Select(c => c.Name))}) VALUES ({string.Join(", ", used.Select((_, i) => "$p" + i))})";
    var inserted = 0;
    using var transaction = connection.BeginTransaction(deferred: false);
    using var command = new SqliteCommand(sql, connection, transaction);
    for (var i = 0; i < used.Count; i++)
    {
        command.Parameters.Add("$p" + i, SqliteType.Text);
    }

    for (var c = 0; c < contactOrders.Length; c++)
    {
        if (contactOrders[c] == 0)
        {
            continue;
        }

        for (var i = 0; i < used.Count; i++)
        {
            command.Parameters["$p" + i].Value = values[used[i].Name](c);
        }

        inserted += command.ExecuteNonQuery();
    }

    transaction.Commit();
    return inserted;
}

static void Exec(SqliteConnection connection, string sql)
{
    using var command = new SqliteCommand(sql, connection);
    command.ExecuteNonQuery();
}

static long Scalar(SqliteConnection connection, string sql)
{
    using var command = new SqliteCommand(sql, connection);
    return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
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
}
