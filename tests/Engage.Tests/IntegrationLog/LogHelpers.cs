using System.Net;
using System.Text.Json.Nodes;
using Engage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Engage.Tests.IntegrationLog;

/// <summary>Helpers for the integration log, contacts and snapshot scrubbing, shared by the stage tests.</summary>
public static class LogHelpers
{
    /// <summary>All entries of an order (up to 100), newest first.</summary>
    public static async Task<JsonArray> Entries(this HttpClient client, string orderId)
    {
        var response = await client.GetAsync($"/api/v3/integration-log?orderId={Uri.EscapeDataString(orderId)}&count=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Body())["items"]!.AsArray();
    }

    public static int Count(this JsonArray entries, string message) =>
        entries.Count(e => e!["message"].Text() == message);

    /// <summary>Registers a contact and returns its body (asserting 201).</summary>
    public static async Task<JsonNode> RegisterContact(this HttpClient client, string json)
    {
        var response = await client.PostJson("/api/v3/contacts", json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>POSTs an order and waits for its job to end with 302 (the order is stored).</summary>
    public static async Task StoreOrder(this HttpClient client, JsonNode order)
    {
        var jobId = await client.RegisterOrder(order);
        var done = await client.WaitForJob(jobId);
        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
    }

    public static async Task<string?> ContactIdOf(this HttpClient client, string orderId)
    {
        var order = await (await client.GetAsync($"/api/v3/orders/{orderId}")).Body();
        return order["contactId"]?.GetValue<string>();
    }

    /// <summary>Replaces the values of the named properties, anywhere in the tree, by a placeholder.</summary>
    public static JsonNode Scrub(this JsonNode node, params string[] names)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (names.Contains(name) && child is not null)
                    {
                        obj[name] = $"<{name}>";
                    }
                    else if (child is not null)
                    {
                        Scrub(child, names);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Scrub(child, names);
                    }
                }

                break;
        }

        return node;
    }

    /// <summary>
    /// The JSON as Snapshooter wants it (a Newtonsoft token, so the snapshot is JSON, not a string).
    /// Dates stay strings: Newtonsoft would otherwise parse them and rewrite their offsets.
    /// </summary>
    public static Newtonsoft.Json.Linq.JToken ForSnapshot(this JsonNode node)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(node.ToJsonString())) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return Newtonsoft.Json.Linq.JToken.ReadFrom(reader);
    }

    public static long Scalar(this EngageApp app, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Puts a message into the outbox by hand, as a module would have.</summary>
    public static void InsertOutboxMessage(this EngageApp app, string messageId, string type, string payload)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO messaging_outbox (message_id, type, payload, created_at, next_attempt_at)
            VALUES ($id, $type, $payload, $created, 0)
            """;
        command.Parameters.AddWithValue("$id", messageId);
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$created", DateTimeOffset.UtcNow.ToString("O"));
        command.ExecuteNonQuery();
        SqliteConnection.ClearPool(connection);
    }
}

/// <summary>Steps the outbox by hand (apps started with the pump off) and reads what the stages published.</summary>
public static class Stages
{
    /// <summary>
    /// The pump and tick off, and no time budget per batch: a batch takes every message due when it
    /// starts, so stepping batch by batch is deterministic however slow the machine is. What a
    /// handler publishes goes to the outbox (not delivered in the same batch), so each batch is one
    /// stage and the stages' answers can be read there.
    /// </summary>
    public static readonly Dictionary<string, string?> PumpOff = new()
    {
        ["Engage:Outbox:Enabled"] = "false",
        ["Engage:Outbox:BatchTimeBudget"] = "00:01:00",
        ["Engage:Outbox:DeliverPublishedInBatch"] = "false",
    };

    /// <summary>
    /// Delivers OrderWriteAccepted (batch 1: the order is stored) and OrderStored (batch 2: the stages
    /// run), leaving the stages' answers undelivered in the outbox.
    /// </summary>
    public static async Task RunStoreAndStages(this EngageApp app)
    {
        await app.Processor.ProcessBatchAsync();
        await app.Processor.ProcessBatchAsync();
    }

    /// <summary>Payloads of the undelivered outbox messages of <paramref name="type"/>.</summary>
    public static List<JsonNode> Pending(this EngageApp app, string type)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM messaging_outbox WHERE type = $type ORDER BY seq";
        command.Parameters.AddWithValue("$type", type);
        using var reader = command.ExecuteReader();
        var payloads = new List<JsonNode>();
        while (reader.Read())
        {
            payloads.Add(JsonNode.Parse(reader.GetString(0))!);
        }

        return payloads;
    }
}

/// <summary>Module tests: runs one handler in a message transaction, exactly as the outbox processor would.</summary>
public static class Deliver
{
    public static async Task ToHandler(this EngageApp app, string messageId, Func<Engage.BuildingBlocks.Messaging.MessageContext, ValueTask> handle)
    {
        var db = app.Db;
        await db.WriteGate.WaitAsync();
        try
        {
            using var statements = new Engage.BuildingBlocks.Database.PreparedStatements(db.Open());
            using var transaction = statements.Connection.BeginTransaction(deferred: false);
            var context = new Engage.BuildingBlocks.Messaging.MessageContext(
                Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Engage.BuildingBlocks.Messaging.Outbox>(app.Services));
            context.Enter(messageId, fromOutbox: true, statements, transaction, deliverInBatch: null); // what the handler publishes goes to the outbox
            await handle(context);
            context.Leave();
            transaction.Commit();
        }
        finally
        {
            db.WriteGate.Release();
        }
    }
}
