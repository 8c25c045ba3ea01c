using Dapper;
using Engage.BuildingBlocks.Messaging;
using Engage.Modules.Orders.Jobs;
using Mediator;
using Microsoft.AspNetCore.Http;

namespace Engage.Modules.Orders.FailParkedJob;

/// <summary>
/// When the store stage of a job has failed every attempt and its message is parked, the job must
/// not stay Pending forever: it ends Failed (500, "Processing failed"), so the client polling it
/// gets an answer. The parked message stays in the outbox for an operator.
/// </summary>
internal sealed class FailParkedJobHandler(MessageContext context) : INotificationHandler<MessageParked>
{
    public const string StoreMessageType = "orders.order-write-accepted.v1";

    public ValueTask Handle(MessageParked notification, CancellationToken cancellationToken)
    {
        if (notification.MessageType != StoreMessageType || notification.JobId is null || !context.TryBegin("orders.fail-parked-job"))
        {
            return ValueTask.CompletedTask;
        }

        context.Connection.Execute(
            """
            UPDATE orders_jobs SET status = 'Failed', completed_at = @now, error_status = @status, error_title = 'Processing failed',
                   error_detail = 'The order could not be processed after several attempts; the integration log has the error. The job can be sent again.'
            WHERE job_id = @jobId AND status = @pending
            """,
            new
            {
                jobId = notification.JobId,
                now = notification.ParkedAt.ToString("O"),
                status = StatusCodes.Status500InternalServerError,
                pending = JobStatuses.Pending,
            },
            context.Transaction);
        return ValueTask.CompletedTask;
    }
}
