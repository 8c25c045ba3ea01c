using Engage.BuildingBlocks.Http;
using Mediator;

namespace Engage.Modules.Orders.Jobs;

internal static class Operations
{
    public const string Create = "Create";
    public const string Replace = "Replace";
    public const string Delete = "Delete";
    public const string ChangeStatus = "ChangeStatus";
    public const string ChangeDelivery = "ChangeDelivery";
}

internal static class JobStatuses
{
    public const string Pending = "Pending";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
}

/// <summary>
/// A write that passed the synchronous checks, waiting to be made durable. The payload is the
/// request body as it arrived (UTF-8 JSON, already parsed and validated once); the store stage
/// reads it again and normalises it.
/// </summary>
internal sealed record AcceptedWrite(string JobId, string OrderId, string Operation, byte[]? Payload, string? IfMatch, DateTimeOffset AcceptedAt);

internal enum AcceptOutcome
{
    Accepted,
    OrderExists,
    OrderNotFound,
    VersionMismatch,
}

/// <summary>The module-internal message that drives the store stage for one job.</summary>
internal sealed record OrderWriteAccepted(string JobId, string OrderId) : INotification;

/// <summary>The 202 body.</summary>
internal sealed record AcceptedJob(string JobId, string OrderId, string Operation, string Status, IReadOnlyList<Link> Links)
{
    public static string StatusPath(string jobId) => $"/api/v3/orders/jobs/{jobId}";

    public static AcceptedJob For(AcceptedWrite write) =>
        new(write.JobId, write.OrderId, write.Operation, JobStatuses.Pending, [new Link("status", StatusPath(write.JobId), "GET")]);
}
