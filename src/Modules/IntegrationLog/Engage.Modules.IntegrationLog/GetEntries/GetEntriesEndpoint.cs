using System.Text.Json;
using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.Modules.IntegrationLog.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.IntegrationLog.GetEntries;

internal sealed record LogPage(IReadOnlyList<LogEntry> Items, int Offset, int Count, long TotalCount, IReadOnlyList<Link> Links);

/// <summary>
/// A page of entries, newest first and, at the same timestamp, the most recently recorded first
/// (seq), optionally for one order and/or one severity. Each filter has an ascending index that
/// ends in the rowid (seq), read backwards (migration 0003); the whole log is the severity index's
/// ranges, merged (migration 0004).
/// </summary>
internal static class GetEntriesEndpoint
{
    private const string Path = "/api/v3/integration-log";

    private sealed record Row(string Id, string Timestamp, string Severity, string Message, string? Reason,
        string? ProposedAction, string? OrderId, string? JobId, string Details);

    public static void MapGetEntries(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, Handle)
            .WithName("GetIntegrationLogEntries")
            .WithSummary("Get integration-log entries")
            .WithDescription("Entries of type Orders, newest first (at the same timestamp, the most recently recorded first). Filter by orderId and severity (Info, Warning, Error); page with offset and count (1–100, default 10).")
            .Produces<LogPage>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static IResult Handle(string? orderId, string? severity, string? offset, string? count, Db db)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var (skip, take) = Paging.Read(offset, count, errors);
        var level = Severities.Canonical(severity);
        if (severity is not null && level is null)
        {
            errors["severity"] = [$"'severity' must be one of {string.Join(", ", Severities.All)}."];
        }

        if (errors.Count > 0)
        {
            return new Problem(StatusCodes.Status400BadRequest, "One or more validation errors occurred.",
                "The query parameters break the rules listed under 'errors'.", errors);
        }

        using var connection = db.Open();
        var (countSql, pageSql) = Queries(orderId is not null, level is not null);
        var total = connection.ExecuteScalar<long>(countSql, new { orderId, level });
        var rows = connection.Query<Row>(pageSql, new { orderId, level, take, skip });
        var items = rows.Select(row => new LogEntry(
            row.Id, row.Timestamp, "Orders", row.Severity, row.Message, row.Reason, row.ProposedAction, row.OrderId, row.JobId,
            JsonDocument.Parse(row.Details).RootElement.Clone())).ToList();
        var links = Paging.Links(Path, [new("orderId", orderId), new("severity", level)], skip, take, total);
        return Results.Json(new LogPage(items, skip, take, total, links), IntegrationLogJsonContext.Api.LogPage);
    }

    private const string Columns =
        """
        id AS Id, timestamp AS Timestamp, severity AS Severity, message AS Message, reason AS Reason,
        proposed_action AS ProposedAction, order_id AS OrderId, job_id AS JobId, details AS Details
        """;

    // The page's entries are picked from the index alone (it covers timestamp_utc and seq), so the
    // entries skipped to reach the offset cost no table reads; only the page's own rows are read,
    // and sorted again. Built once: it depends only on the severities.
    private static readonly (string Count, string Page) WholeLog = (
        "SELECT COUNT(*) FROM integration_log_entries",
        $"""
        SELECT {Columns}
        FROM (
        {string.Join(
            "\n    UNION ALL\n",
            Severities.All.Select(level => $"    SELECT seq, timestamp_utc FROM integration_log_entries WHERE severity = '{level}'"))}
            ORDER BY timestamp_utc DESC, seq DESC
            LIMIT @take OFFSET @skip) AS page
        JOIN integration_log_entries ON integration_log_entries.seq = page.seq
        ORDER BY page.timestamp_utc DESC, page.seq DESC
        """);

    /// <summary>
    /// The count and the page query for a filter. One text per case, so SQLite can use the matching
    /// index (an "@x IS NULL OR col = @x" filter cannot use any, and counting would read the whole
    /// log). With both, the order's few entries are found by its index and then filtered ('+' keeps
    /// the severity index out of it). Without a filter, the severity index's ranges are merged: each
    /// is in page order already, so the merge reads only the index entries it skips and returns
    /// (migration 0004 dropped the time index this listing had).
    /// </summary>
    internal static (string Count, string Page) Queries(bool byOrder, bool bySeverity)
    {
        if (!byOrder && !bySeverity)
        {
            return WholeLog;
        }

        var filter = (byOrder, bySeverity) switch
        {
            (true, false) => "WHERE order_id = @orderId",
            (false, true) => "WHERE severity = @level",
            _ => "WHERE order_id = @orderId AND +severity = @level",
        };
        return (
            $"SELECT COUNT(*) FROM integration_log_entries {filter}",
            $"""
            SELECT {Columns}
            FROM integration_log_entries {filter}
            ORDER BY timestamp_utc DESC, seq DESC
            LIMIT @take OFFSET @skip
            """);
    }
}
