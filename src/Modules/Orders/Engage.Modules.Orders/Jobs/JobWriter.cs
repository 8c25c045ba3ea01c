using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Messaging;
using Microsoft.Data.Sqlite;

namespace Engage.Modules.Orders.Jobs;

/// <summary>
/// Makes accepted jobs durable through <see cref="GroupCommit"/>: each write is checked against the
/// stored orders and, when it passes, its job, its payload and its outbox message are inserted, in
/// one transaction with every other write queued meanwhile (and, when an outbox batch takes them,
/// with that batch's work). The answer comes once that transaction has committed: a 202 is only
/// sent for a job that is on disk, and the cost of a commit is shared.
/// </summary>
internal sealed class JobWriter(GroupCommit groupCommit, Outbox outbox)
{
    public async Task<AcceptOutcome> AcceptAsync(AcceptedWrite write, CancellationToken cancellationToken)
    {
        var outcome = await groupCommit.WriteAsync((statements, transaction) => Write(statements, transaction, write), cancellationToken);
        if (outcome == AcceptOutcome.Accepted)
        {
            outbox.Signal.Notify(); // the store stage has a message
        }

        return outcome;
    }

    private AcceptOutcome Write(PreparedStatements statements, SqliteTransaction transaction, AcceptedWrite write)
    {
        var outcome = Check(statements, transaction, write);
        if (outcome != AcceptOutcome.Accepted)
        {
            return outcome;
        }

        statements.Execute(transaction,
            """
            INSERT INTO orders_jobs (job_id, order_id, operation, status, if_match, accepted_at)
            VALUES ($job, $order, $operation, 'Pending', $ifMatch, $accepted)
            """,
            ("$job", write.JobId),
            ("$order", write.OrderId),
            ("$operation", write.Operation),
            ("$ifMatch", write.IfMatch),
            ("$accepted", write.AcceptedAt.ToString("O")));
        if (write.Payload is not null)
        {
            // The job just inserted is the connection's last row: its seq keys the payload.
            statements.Execute(transaction,
                "INSERT INTO orders_job_payloads (seq, payload) VALUES (last_insert_rowid(), $payload)",
                ("$payload", new Utf8Text(write.Payload)));
        }

        outbox.Add(statements, transaction, new OrderWriteAccepted(write.JobId, write.OrderId));
        return outcome;
    }

    private static AcceptOutcome Check(PreparedStatements statements, SqliteTransaction transaction, AcceptedWrite write)
    {
        var version = statements.Scalar(transaction, "SELECT version_tag FROM orders_orders WHERE order_id = $order", ("$order", write.OrderId)) as string;
        if (write.Operation == Operations.Create)
        {
            return version is null ? AcceptOutcome.Accepted : AcceptOutcome.OrderExists;
        }

        if (version is null)
        {
            return AcceptOutcome.OrderNotFound;
        }

        return write.IfMatch is null || write.IfMatch == version ? AcceptOutcome.Accepted : AcceptOutcome.VersionMismatch;
    }
}
