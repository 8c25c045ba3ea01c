using Mediator;
using Microsoft.Data.Sqlite;

namespace Engage.BuildingBlocks.Messaging;

/// <summary>
/// Writes notifications into the outbox inside the caller's transaction. Nothing is published
/// inline: the <see cref="OutboxProcessor"/> delivers them after the transaction has committed.
/// </summary>
public sealed class Outbox(MessageTypes types, OutboxSignal signal, TimeProvider clock)
{
    internal const string InsertSql = """
        INSERT INTO messaging_outbox (message_id, type, payload, created_at, next_attempt_at)
        VALUES ($id, $type, $payload, $created, 0)
        """;

    public OutboxSignal Signal => signal;

    public void Add(SqliteConnection connection, SqliteTransaction transaction, INotification notification)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        Bind(command, notification);
        command.ExecuteNonQuery();
    }

    /// <summary>Adds a message through a cache of prepared statements (the outbox processor's).</summary>
    public void Add(Database.PreparedStatements statements, SqliteTransaction transaction, INotification notification) =>
        Add(statements, transaction, notification, NewMessageId());

    /// <summary>Adds a message with a given id; returns its sequence number and stored payload.</summary>
    internal (long Seq, string TypeName, string Payload) Add(Database.PreparedStatements statements, SqliteTransaction transaction, INotification notification, string messageId)
    {
        var type = types.For(notification.GetType());
        var payload = type.Serialize(notification);
        statements.Execute(transaction, InsertSql,
            ("$id", messageId),
            ("$type", type.Name),
            ("$payload", payload),
            ("$created", clock.GetUtcNow().ToString("O")));
        return (statements.LastInsertRowId, type.Name, payload);
    }

    internal static string NewMessageId() => Ids.NewVersion7().ToString("N");

    private void Bind(SqliteCommand command, INotification notification)
    {
        var type = types.For(notification.GetType());
        command.Parameters.AddWithValue("$id", NewMessageId());
        command.Parameters.AddWithValue("$type", type.Name);
        command.Parameters.AddWithValue("$payload", type.Serialize(notification));
        command.Parameters.AddWithValue("$created", clock.GetUtcNow().ToString("O"));
    }
}

/// <summary>Wakes the outbox pump right after a commit that added messages.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up is enough.
            }
        }
    }

    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
