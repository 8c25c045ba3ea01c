using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.Modules.Orders.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Orders.GetJobStatus;

/// <summary>The job body: always these fields, whatever the job's state.</summary>
internal sealed record JobView(
    string JobId,
    string OrderId,
    string Operation,
    string Status,
    DateTimeOffset AcceptedAt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] DateTimeOffset? CompletedAt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] string? VersionTag,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] JobError? Error);

internal sealed record JobError(int Status, string Title, string Detail);

/// <summary>
/// The contract's job table: Pending → 200 + Retry-After; Succeeded → 302 to the order (200 when
/// there is no order to point at, e.g. after a Delete); Failed → the failure's status as a problem
/// carrying the job's fields; unknown → 404.
/// </summary>
internal static class GetJobStatusEndpoint
{
    private sealed record Row(string JobId, string OrderId, string Operation, string Status, string AcceptedAt,
        string? CompletedAt, string? VersionTag, long? ErrorStatus, string? ErrorTitle, string? ErrorDetail, long OrderExists);

    public static void MapGetJobStatus(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v3/orders/jobs/{jobId}", Handle)
            .WithName("GetJobStatus")
            .WithSummary("Get the status of an asynchronous order write")
            .WithDescription("Pending: 200 with Retry-After. Succeeded: 302 to the order (200 for a Delete). Failed: the failure's status (409, 404, 412, 422) as a problem with the job's fields.")
            .Produces<JobView>(StatusCodes.Status200OK)
            .Produces<JobView>(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static IResult Handle(HttpContext http, string jobId, Db db)
    {
        using var connection = db.Open();
        var row = connection.QuerySingleOrDefault<Row>(
            """
            SELECT j.job_id AS JobId, j.order_id AS OrderId, j.operation AS Operation, j.status AS Status,
                   j.accepted_at AS AcceptedAt, j.completed_at AS CompletedAt, j.version_tag AS VersionTag,
                   j.error_status AS ErrorStatus, j.error_title AS ErrorTitle, j.error_detail AS ErrorDetail,
                   EXISTS (SELECT 1 FROM orders_orders o WHERE o.order_id = j.order_id) AS OrderExists
            FROM orders_jobs j WHERE j.job_id = @jobId
            """,
            new { jobId });
        if (row is null)
        {
            return Problem.NotFound($"There is no job '{jobId}'. Jobs are kept for a limited time after they complete.");
        }

        var view = new JobView(
            row.JobId,
            row.OrderId,
            row.Operation,
            row.Status,
            DateTimeOffset.Parse(row.AcceptedAt, System.Globalization.CultureInfo.InvariantCulture),
            row.CompletedAt is null ? null : DateTimeOffset.Parse(row.CompletedAt, System.Globalization.CultureInfo.InvariantCulture),
            row.VersionTag,
            row.ErrorStatus is { } status ? new JobError((int)status, row.ErrorTitle ?? "", row.ErrorDetail ?? "") : null);

        switch (row.Status)
        {
            case JobStatuses.Pending:
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(view, OrdersJsonContext.Api.JobView);
            case JobStatuses.Succeeded when row.OrderExists == 1 && row.Operation != Operations.Delete:
                http.Response.Headers.Location = $"/api/v3/orders/{Uri.EscapeDataString(row.OrderId)}";
                return Results.Json(view, OrdersJsonContext.Api.JobView, statusCode: StatusCodes.Status302Found);
            case JobStatuses.Succeeded:
                return Results.Json(view, OrdersJsonContext.Api.JobView);
            default:
                var error = view.Error ?? new JobError(StatusCodes.Status500InternalServerError, "Failed", "The job failed.");
                var problem = new Problem(error.Status, error.Title, error.Detail)
                    .With("jobId", view.JobId)
                    .With("orderId", view.OrderId)
                    .With("operation", view.Operation)
                    .With("jobStatus", view.Status)
                    .With("acceptedAt", row.AcceptedAt)
                    .With("completedAt", row.CompletedAt ?? "");
                return problem;
        }
    }
}
