using System.Text.Json;
using Engage.BuildingBlocks.Database;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engage.BuildingBlocks.Messaging;

/// <summary>
/// Delivers due outbox messages in batches, one transaction per batch. A message whose handlers all
/// succeed is deleted in the same transaction as their effects. A batch runs without savepoints
/// first; if a delivery fails it is rolled back and run again with one savepoint per message, and
/// the failing message is rolled back to its savepoint, retried later with exponential backoff,
/// and after <see cref="OutboxOptions.MaxAttempts"/> parked (and reported) without blocking the rest.
/// The processor and its handlers (through <see cref="MessageContext"/>) run prepared statements on
/// the database's one writer connection, so a statement is parsed once, not once per message.
/// Client writes queued for <see cref="GroupCommit"/> meanwhile are run at the end of a batch and
/// committed with it: a batch that gives way to them takes them along instead of handing the lock over.
/// </summary>
public sealed class OutboxProcessor(
    Db db,
    GroupCommit groupCommit,
    MessageTypes types,
    Outbox outbox,
    IServiceScopeFactory scopes,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxProcessor> logger)
{
    internal const string ParkedTypeName = "messaging.message-parked.v1";

    private const int LoadChunk = 32;

    private sealed record Row(long Seq, string MessageId, string Type, string Payload, int Attempts);

    // The client writes the current batch took along (only used under the write gate).
    private readonly List<GroupCommit.Write> clientWrites = [];

    /// <summary>Processes one batch; returns how many messages were taken (delivered, retried or parked).</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        await db.WriteGate.WaitAsync(cancellationToken);
        (int Taken, int Published, bool GaveWay) outcome;
        try
        {
            // Optimistically first, without a savepoint per message: SQLite copies every page a
            // savepoint's statements change into the savepoint's sub-journal (in memory, in 1 KiB
            // chunks), which was about a sixth of the stages' CPU. A delivery rarely fails; when one
            // does, the whole batch is rolled back and run again with a savepoint per message, which
            // keeps the others' effects and rolls back only the failing message's.
            outcome = await RunBatchAsync(settings, isolate: false, cancellationToken)
                ?? (await RunBatchAsync(settings, isolate: true, cancellationToken))!.Value;
        }
        catch (Exception exception)
        {
            // The connection may be unusable (or mid-transaction): the next writer starts on a fresh one.
            db.ResetWriter();
            GroupCommit.Failed(clientWrites, exception);
            throw;
        }
        finally
        {
            db.WriteGate.Release();
        }

        GroupCommit.Completed(clientWrites);

        if (outcome.Published > 0)
        {
            outbox.Signal.Notify();
        }

        LastBatchGaveWay = outcome.GaveWay;
        return outcome.Taken;
    }

    /// <summary>Whether the last batch ended early to let a waiting client write in (below the backlog limit).</summary>
    internal bool LastBatchGaveWay { get; private set; }

    /// <summary>
    /// One batch in one transaction. With <paramref name="isolate"/>, each message runs under a
    /// savepoint, and a failing one is rolled back to it and retried later or parked. Without, the
    /// first failure rolls back the whole transaction and returns null (nothing of it happened).
    /// </summary>
    private async Task<(int Taken, int Published, bool GaveWay)?> RunBatchAsync(OutboxOptions settings, bool isolate, CancellationToken cancellationToken)
    {
        var taken = 0;
        var sql = db.Writer;
        using var transaction = sql.Connection.BeginTransaction(deferred: false);
        // Read in chunks: a batch often ends on its time budget long before BatchSize.
        var chunk = Math.Min(settings.BatchSize, LoadChunk);
        var rows = LoadDue(sql, transaction, afterSeq: 0, chunk);
        if (rows.Count == 0)
        {
            return (0, 0, false);
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<MessageContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublisher>();
        var started = clock.GetTimestamp();
        var yieldToAcceptPath = rows.Count < chunk || Backlog(sql, transaction) < settings.BacklogLimit;

        var inBatch = settings.DeliverPublishedInBatch ? new Queue<PublishedInBatch>() : null;
        var gaveWay = false;
        for (var next = 0; taken < settings.BatchSize; next++)
        {
            if (next == rows.Count)
            {
                if (rows.Count < chunk)
                {
                    break; // nothing more is due
                }

                rows = LoadDue(sql, transaction, rows[^1].Seq, Math.Min(chunk, settings.BatchSize - taken));
                next = 0;
                if (rows.Count == 0)
                {
                    break;
                }
            }

            var row = rows[next];
            var elapsed = clock.GetElapsedTime(started);
            var givingWay = yieldToAcceptPath && elapsed > settings.YieldAfter && groupCommit.Waiting;
            if (taken > 0 && (elapsed > settings.BatchTimeBudget || givingWay))
            {
                gaveWay = givingWay;
                break; // the rest stays due and is taken by the next batch
            }

            taken++;
            var failure = await DeliverAsync(sql, transaction, context, publisher, row.MessageId, fromOutbox: true, inBatch, isolate,
                () => types.TryGet(row.Type, out var type)
                    ? type.Deserialize(row.Payload)
                    : throw new InvalidOperationException($"Unknown message type '{row.Type}'."),
                cancellationToken);
            if (failure is not null && !isolate)
            {
                transaction.Rollback();
                return null;
            }

            if (failure is null)
            {
                sql.Execute(transaction, "DELETE FROM messaging_outbox WHERE seq = $seq", ("$seq", row.Seq));
            }
            else
            {
                Fail(sql, transaction, row, failure, settings);
            }

            // What the message published (and what that publishes in turn) follows it at once.
            while (inBatch is { Count: > 0 })
            {
                var follower = inBatch.Dequeue();
                if (await DeliverAsync(sql, transaction, context, publisher, follower.MessageId, fromOutbox: false, inBatch, isolate, () => follower.Notification, cancellationToken) is { } followerFailure)
                {
                    if (!isolate)
                    {
                        transaction.Rollback();
                        return null;
                    }

                    // From here on it is an outbox message like any other: retried with backoff, then parked.
                    var (seq, typeName, payload) = outbox.Add(sql, transaction, follower.Notification, follower.MessageId);
                    Fail(sql, transaction, new Row(seq, follower.MessageId, typeName, payload, 0), followerFailure, settings);
                }
            }
        }

        var published = context.Published;
        groupCommit.RunQueued(sql, transaction, clientWrites);
        var timings = PreparedStatements.Timings;
        var committing = timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        transaction.Commit();
        timings?.Add("COMMIT (an outbox batch)", committing);
        return (taken, published, gaveWay);
    }

    /// <summary>
    /// Delivers one message to its handlers; with <paramref name="isolate"/>, under a savepoint that a
    /// failure rolls back to. Returns null, or the exception a handler failed with.
    /// </summary>
    private static async ValueTask<Exception?> DeliverAsync(
        PreparedStatements sql,
        SqliteTransaction transaction,
        MessageContext context,
        IPublisher publisher,
        string messageId,
        bool fromOutbox,
        Queue<PublishedInBatch>? inBatch,
        bool isolate,
        Func<INotification> message,
        CancellationToken cancellationToken)
    {
        if (isolate)
        {
            sql.Execute(transaction, "SAVEPOINT message");
        }

        var queued = inBatch?.Count ?? 0;
        context.Enter(messageId, fromOutbox, sql, transaction, inBatch);
        try
        {
            await publisher.Publish(message(), cancellationToken);
            if (isolate)
            {
                sql.Execute(transaction, "RELEASE message");
            }

            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (!isolate)
            {
                return exception; // the caller rolls the whole batch back
            }

            sql.Execute(transaction, "ROLLBACK TO message");
            sql.Execute(transaction, "RELEASE message");
            // What the failed delivery published was rolled back with it: drop it from the queue's tail.
            if (inBatch is not null && inBatch.Count > queued)
            {
                var kept = inBatch.Take(queued).ToList();
                inBatch.Clear();
                kept.ForEach(inBatch.Enqueue);
            }

            return exception;
        }
        finally
        {
            context.Leave();
        }
    }

    /// <summary>
    /// Processes batches until nothing is due. After a batch that gave way to a client write, it waits
    /// <see cref="OutboxOptions.YieldPause"/> first, leaving the CPU to the requests.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        while (await ProcessBatchAsync(cancellationToken) > 0)
        {
            var pause = options.Value.YieldPause;
            if (LastBatchGaveWay && pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, clock, cancellationToken);
            }
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

    private List<Row> LoadDue(PreparedStatements sql, SqliteTransaction transaction, long afterSeq, int limit)
    {
        using var reader = sql.Query(transaction,
            """
            SELECT seq, message_id, type, payload, attempts FROM messaging_outbox
            WHERE seq > $after AND parked_at IS NULL AND next_attempt_at <= $now
            ORDER BY seq LIMIT $limit
            """,
            ("$after", afterSeq), ("$now", clock.GetUtcNow().ToUnixTimeMilliseconds()), ("$limit", limit));
        var rows = new List<Row>();
        while (reader.Read())
        {
            rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return rows;
    }

    /// <summary>
    /// About how many messages wait: the span of sequence numbers from the oldest undelivered one to
    /// the newest. Delivered messages are deleted, so the span is the backlog plus the few retried
    /// ones in between; two index lookups, however long the backlog is (counting rows would read them all).
    /// </summary>
    private static long Backlog(PreparedStatements sql, SqliteTransaction transaction) =>
        (long)sql.Scalar(transaction,
            """
            SELECT IFNULL((SELECT MAX(seq) FROM messaging_outbox) - (SELECT MIN(seq) FROM messaging_outbox WHERE parked_at IS NULL) + 1, 0)
            """)!;

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
