using System.Globalization;
using Engage.BuildingBlocks;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Json;
using Engage.BuildingBlocks.Messaging;

namespace Engage.Modules.IntegrationLog.Model;

/// <summary>A new entry; <see cref="DedupKey"/> names what it is about, so the same fact is logged once.</summary>
internal sealed record NewEntry(
    string DedupKey,
    DateTimeOffset At,
    string Severity,
    string Message,
    string? Reason,
    string? ProposedAction,
    string? OrderId,
    string? JobId,
    Utf8Text Details);

internal static class LogWriter
{
    public static readonly System.Text.Json.JsonSerializerOptions DetailsOptions = EngageJson.CreateOptions();

    /// <summary>Inserts the entry unless one with the same dedup key exists, as a prepared statement of the message's transaction. True when inserted.</summary>
    public static bool Add(MessageContext context, NewEntry entry) =>
        context.Execute(
            """
            INSERT OR IGNORE INTO integration_log_entries
                (id, timestamp, timestamp_utc, severity, message, reason, proposed_action, order_id, job_id, details, dedup_key)
            VALUES ($id, $timestamp, $timestampUtc, $severity, $message, $reason, $proposedAction, $orderId, $jobId, $details, $dedupKey)
            """,
            ("$id", Ids.NewVersion7().ToString("D")),
            ("$timestamp", FormatTime(entry.At)),
            ("$timestampUtc", SortableUtc(entry.At)),
            ("$severity", entry.Severity),
            ("$message", entry.Message),
            ("$reason", entry.Reason),
            ("$proposedAction", entry.ProposedAction),
            ("$orderId", entry.OrderId),
            ("$jobId", entry.JobId),
            ("$details", entry.Details),
            ("$dedupKey", entry.DedupKey)) == 1;

    public static string FormatTime(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static string SortableUtc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
