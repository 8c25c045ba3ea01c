using System.Text.Json;
using Engage.BuildingBlocks.Database;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engage.BuildingBlocks.Messaging;

/// <summary>
/// Delivers due outbox messages in batches: one transaction per batch, one savepoint per message.
/// A message whose handlers all succeed is deleted in the same transaction as their effects.
/// A failing message is rolled back to its savepoint, retried later with exponential backoff,
/// and after <see cref="OutboxOptions.MaxAttempts"/> parked (and reported) without blocking the rest.
/// The processor and its handlers (through <see cref="MessageContext"/>) run prepared statements on
/// the database's one writer connection, so a statement is parsed once, not once per message.
/// </summary>
public sealed class OutboxProcessor(
    Db db,
    MessageTypes types,
    Outbox outbox,
    IServiceScopeFactory scopes,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxProcessor> logger)
{
    internal const string ParkedTypeName = "messaging.message-parked.v1";

    private sealed record Row(long Seq, string MessageId, string Type, string Payload, int Attempts);

    /// <summary>Processes one batch; returns how many messages were taken (delivered, retried or parked).</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        await db.WriteGate.WaitAsync(cancellationToken);
        var published = 0;
        var taken = 0;
        try
        {
            var sql = db.Writer;
            using var transaction = sql.Connection.BeginTransaction(deferred: false);
            var rows = LoadDue(sql, transaction, settings.BatchSize);
            if (rows.Count == 0)
            {
                return 0;
            }

            await using var scope = scopes.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<MessageContext>();
            var publisher = scope.ServiceProvider.GetRequiredService<IPublisher>();
            var started = clock.GetTimestamp();
            var yieldToAcceptPath = rows.Count < settings.BatchSize || Backlog(sql, transaction, settings.BacklogLimit) < settings.BacklogLimit;

            foreach (var row in rows)
            {
                var elapsed = clock.GetElapsedTime(started);
                if (taken > 0 && (elapsed > settings.BatchTimeBudget || (yieldToAcceptPath && elapsed > settings.YieldAfter && db.AcceptWriterWaiting)))
                {
                    break; // the rest stays due and is taken by the next batch
                }

                taken++;
                sql.Execute(transaction, "SAVEPOINT message");
                context.Enter(row.MessageId, sql, transaction);
                try
                {
                    if (!types.TryGet(row.Type, out var type))
                    {
                        throw new InvalidOperationException($"Unknown message type '{row.Type}'.");
                    }

                    await publisher.Publish(type.Deserialize(row.Payload), cancellationToken);
                    sql.Execute(transaction, "DELETE FROM messaging_outbox WHERE seq = $seq", ("$seq", row.Seq));
                    sql.Execute(transaction, "RELEASE message");
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    sql.Execute(transaction, "ROLLBACK TO message");
                    sql.Execute(transaction, "RELEASE message");
                    Fail(sql, transaction, row, exception, settings);
                }
                finally
                {
                    context.Leave();
                }
            }

            published = context.Published;
            transaction.Commit();
        }
        catch
        {
            // The connection may be unusable (or mid-transaction): the next writer starts on a fresh one.
            db.ResetWriter();
            throw;
        }
        finally
        {
            db.WriteGate.Release();
        }

        if (published > 0)
        {
            outbox.Signal.Notify();
        }

        return taken;
    }

    /// <summary>Processes batches until nothing is due.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        while (await ProcessBatchAsync(cancellationToken) > 0)
        {
        }
    }

    /// <summary>Whether any message is due, read without taking the write lock (the idle tick's check).</summary>
    public bool AnyDue()
    {
        using var connection = db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM messaging_outbox WHERE parked_at IS NULL AND next_attempt_at <= $now)";
        command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds());
        return (long)command.ExecuteScalar()! == 1;
    }

    private List<Row> LoadDue(PreparedStatements sql, SqliteTransaction transaction, int batchSize)
    {
        using var reader = sql.Query(transaction,
            """
            SELECT seq, message_id, type, payload, attempts FROM messaging_outbox
            WHERE parked_at IS NULL AND next_attempt_at <= $now
            ORDER BY seq LIMIT $limit
            """,
            ("$now", clock.GetUtcNow().ToUnixTimeMilliseconds()), ("$limit", batchSize));
        var rows = new List<Row>();
        while (reader.Read())
        {
            rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return rows;
    }

    /// <summary>Due messages, counted up to <paramref name="limit"/> (the count stops there, so it stays cheap).</summary>
    private long Backlog(PreparedStatements sql, SqliteTransaction transaction, int limit) =>
        (long)sql.Scalar(transaction,
            "SELECT COUNT(*) FROM (SELECT 1 FROM messaging_outbox WHERE parked_at IS NULL AND next_attempt_at <= $now LIMIT $limit)",
            ("$now", clock.GetUtcNow().ToUnixTimeMilliseconds()), ("$limit", limit))!;

    private void Fail(PreparedStatements sql, SqliteTransaction transaction, Row row, Exception exception, OutboxOptions settings)
    {
        var attempts = row.Attempts + 1;
        var error = $"{exception.GetType().Name}: {exception.Message}";
        var now = clock.GetUtcNow();
        if (attempts >= settings.MaxAttempts)
        {
            logger.LogError(exception, "Parking message {MessageId} ({Type}) after {Attempts} attempts", row.MessageId, row.Type, attempts);
            sql.Execute(transaction,
                "UPDATE messaging_outbox SET attempts = $attempts, last_error = $error, parked_at = $at WHERE seq = $seq",
                ("$attempts", attempts), ("$error", error), ("$at", now.ToString("O")), ("$seq", row.Seq));
            if (row.Type != ParkedTypeName)
            {
                var (orderId, jobId) = IdsOf(row.Payload);
                outbox.Add(sql, transaction, new MessageParked(row.MessageId, row.Type, attempts, error, orderId, jobId, now));
            }

            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(
            settings.RetryMaxDelay.Ticks,
            settings.RetryBaseDelay.Ticks * (1L << Math.Min(attempts - 1, 30))));
        logger.LogWarning(exception, "Message {MessageId} ({Type}) failed attempt {Attempts}; retrying in {Delay}", row.MessageId, row.Type, attempts, delay);
        sql.Execute(transaction,
            "UPDATE messaging_outbox SET attempts = $attempts, last_error = $error, next_attempt_at = $next WHERE seq = $seq",
            ("$attempts", attempts), ("$error", error), ("$next", (now + delay).ToUnixTimeMilliseconds()), ("$seq", row.Seq));
    }

    private static (string? OrderId, string? JobId) IdsOf(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (Text(document.RootElement, "orderId"), Text(document.RootElement, "jobId"));
        }
        catch (JsonException)
        {
            return (null, null);
        }

        static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
