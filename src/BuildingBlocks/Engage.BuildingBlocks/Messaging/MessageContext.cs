using Mediator;
using Microsoft.Data.Sqlite;

namespace Engage.BuildingBlocks.Messaging;

/// <summary>
/// What a notification handler knows about the message it is handling: its id, and the
/// connection and transaction the processor opened for it. A handler's effect, its inbox record
/// and whatever it publishes commit together or not at all.
/// </summary>
public sealed class MessageContext(Outbox outbox)
{
    private SqliteConnection? connection;
    private SqliteTransaction? transaction;

    public string MessageId { get; private set; } = "";

    public SqliteConnection Connection => connection ?? throw NotInMessage();

    public SqliteTransaction Transaction => transaction ?? throw NotInMessage();

    internal int Published { get; private set; }

    internal void Enter(string messageId, SqliteConnection openConnection, SqliteTransaction openTransaction)
    {
        MessageId = messageId;
        connection = openConnection;
        transaction = openTransaction;
    }

    internal void Leave()
    {
        connection = null;
        transaction = null;
    }

    /// <summary>
    /// Records that <paramref name="handler"/> handles this message. False when it already has:
    /// the handler must then return without doing anything (idempotent consumer).
    /// </summary>
    public bool TryBegin(string handler)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = "INSERT OR IGNORE INTO messaging_inbox (message_id, handler, processed_at) VALUES ($id, $handler, $at)";
        command.Parameters.AddWithValue("$id", MessageId);
        command.Parameters.AddWithValue("$handler", handler);
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Publishes a notification to the other modules, in this message's transaction.</summary>
    public void Publish(INotification notification)
    {
        outbox.Add(Connection, Transaction, notification);
        Published++;
    }

    private static InvalidOperationException NotInMessage() =>
        new("MessageContext is only available while the outbox processor delivers a message.");
}
