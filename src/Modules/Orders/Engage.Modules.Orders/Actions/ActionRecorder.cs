using Dapper;
using Engage.BuildingBlocks;
using Engage.Modules.Orders.Contracts;
using Mediator;
using Microsoft.Data.Sqlite;

namespace Engage.Modules.Orders.Actions;

/// <summary>Records a triggered action and publishes it, in the caller's transaction.</summary>
internal static class ActionRecorder
{
    public const string SourceApi = "Api";
    public const string SourceEmbedded = "Embedded";

    public static string Record(
        SqliteConnection connection,
        SqliteTransaction transaction,
        Action<INotification> publish,
        string orderId,
        string versionTag,
        string contactId,
        string action,
        string? language,
        string? data,
        string source,
        string? jobId,
        DateTimeOffset now)
    {
        var actionId = Ids.NewVersion7().ToString("N");
        connection.Execute(
            """
            INSERT INTO orders_actions (action_id, order_id, action, version_tag, language, data, source, job_id, triggered_at)
            VALUES (@actionId, @orderId, @action, @versionTag, @language, @data, @source, @jobId, @now)
            """,
            new { actionId, orderId, action, versionTag, language, data, source, jobId, now = now.ToString("O") },
            transaction);
        publish(new OrderActionTriggered(actionId, orderId, versionTag, action, contactId, language, data, source, jobId, now));
        return actionId;
    }
}
