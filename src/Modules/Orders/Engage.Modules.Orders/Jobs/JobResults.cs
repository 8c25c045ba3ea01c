using Engage.BuildingBlocks;
using Engage.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;

namespace Engage.Modules.Orders.Jobs;

/// <summary>How an accepted (or synchronously refused) write is answered.</summary>
internal static class JobResults
{
    public static IResult For(HttpContext http, AcceptedWrite write, AcceptOutcome outcome) => outcome switch
    {
        AcceptOutcome.Accepted => Accepted(http, write),
        AcceptOutcome.OrderExists => new Problem(StatusCodes.Status409Conflict, "Conflict", $"An order with orderId '{write.OrderId}' already exists."),
        AcceptOutcome.OrderNotFound => Problem.NotFound($"There is no order with orderId '{write.OrderId}'."),
        AcceptOutcome.VersionMismatch => new Problem(StatusCodes.Status412PreconditionFailed, "Precondition Failed",
            $"If-Match does not match the current versionTag of order '{write.OrderId}'."),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    private static IResult Accepted(HttpContext http, AcceptedWrite write)
    {
        var location = AcceptedJob.StatusPath(write.JobId);
        http.Response.Headers.Location = location;
        http.Response.Headers.RetryAfter = "1";
        return Results.Json(AcceptedJob.For(write), OrdersJsonContext.Api.AcceptedJob, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The versionTag named by <c>If-Match</c>: quotes removed, <c>*</c> meaning "any version".</summary>
    public static string? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0 || value == "*")
        {
            return null;
        }

        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
    }

    public static string NewJobId() => Ids.NewVersion7().ToString("N");
}
