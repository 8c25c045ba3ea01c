using Engage.BuildingBlocks.Database;
using Mediator;
using Microsoft.Data.Sqlite;

namespace Engage.BuildingBlocks.Messaging;

/// <summary>
/// What a notification handler knows about the message it is handling: its id, and the
/// connection and transaction the processor opened for it. A handler's effect, its inbox record
/// and whatever it publishes commit together or not at all.
/// </summary>
/// <remarks>
/// Only a message read from the outbox gets inbox records. A message delivered in the batch that
/// published it (<see cref="OutboxOptions.DeliverPublishedInBatch"/>) was never stored, so nothing
/// can deliver it again: it exists only in that transaction, and if the transaction rolls back it
/// is gone with its cause. When its delivery fails it is written to the outbox then, and from there
/// it is an ordinary stored message with inbox records. An order's stages wrote seven inbox rows,
/// one per handler, of which only the store stage's could ever be read back.
/// </remarks>
public sealed class MessageContext(Outbox outbox)
{
    private PreparedStatements? statements;
    private SqliteTransaction? transaction;
    private Queue<PublishedInBatch>? inBatch;
    private bool fromOutbox;

    public string MessageId { get; private set; } = "";

    public SqliteConnection Connection => Sql.Connection;

    public SqliteTransaction Transaction => transaction ?? throw NotInMessage();

    /// <summary>The processor's prepared statements: the cheap way to run a handler's SQL.</summary>
    public PreparedStatements Sql => statements ?? throw NotInMessage();

    /// <summary>Messages written to the outbox by handlers (the processor wakes the pump for them after the commit).</summary>
    internal int Published { get; private set; }

    /// <param name="fromOutbox">Whether the message was read from the outbox (it can be delivered again, so handlers record it in the inbox).</param>
    internal void Enter(string messageId, bool fromOutbox, PreparedStatements openStatements, SqliteTransaction openTransaction, Queue<PublishedInBatch>? deliverInBatch)
    {
        MessageId = messageId;
        this.fromOutbox = fromOutbox;
        statements = openStatements;
        transaction = openTransaction;
        inBatch = deliverInBatch;
    }

    internal void Leave()
    {
        statements = null;
        transaction = null;
        inBatch = null;
    }

    /// <summary>
    /// Records that <paramref name="handler"/> handles this message. False when it already has:
    /// the handler must then return without doing anything (idempotent consumer). A message that
    /// was never stored cannot have been handled before, so it is not recorded (see the remarks).
    /// </summary>
    public bool TryBegin(string handler) =>
        !fromOutbox || Sql.Execute(Transaction,
            "INSERT OR IGNORE INTO messaging_inbox (message_id, handler, processed_at) VALUES ($id, $handler, $at)",
            ("$id", MessageId), ("$handler", handler), ("$at", DateTimeOffset.UtcNow.ToString("O"))) == 1;

    /// <summary>Executes SQL with named arguments (<c>$name</c>) in this message's transaction, as a cached prepared statement.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> arguments) => Sql.Execute(Transaction, sql, arguments);

    /// <summary>The first column of the first row, or null.</summary>
    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> arguments) => Sql.Scalar(Transaction, sql, arguments);

    public Rows Query(string sql, params ReadOnlySpan<(string Name, object? Value)> arguments) => Sql.Query(Transaction, sql, arguments);

    /// <summary>
    /// Publishes a notification to the other modules, in this message's transaction: delivered later
    /// in the same batch (when the processor does that), otherwise through the outbox.
    /// </summary>
    public void Publish(INotification notification)
    {
        if (inBatch is not null)
        {
            inBatch.Enqueue(new PublishedInBatch(Outbox.NewMessageId(), notification));
            return;
        }

        outbox.Add(Sql, Transaction, notification);
        Published++;
    }

    private static InvalidOperationException NotInMessage() =>
        new("MessageContext is only available while the outbox processor delivers a message.");
}

/// <summary>A notification published while the processor delivers a batch, waiting to be delivered in that batch.</summary>
internal sealed record PublishedInBatch(string MessageId, INotification Notification);
