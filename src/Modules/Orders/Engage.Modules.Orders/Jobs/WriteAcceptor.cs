using Microsoft.AspNetCore.Http;

namespace Engage.Modules.Orders.Jobs;

/// <summary>The common tail of every asynchronous order write: make the job durable, then answer.</summary>
internal sealed class WriteAcceptor(JobWriter writer, TimeProvider clock)
{
    public async Task<IResult> AcceptAsync(HttpContext http, string orderId, string operation, string? payload)
    {
        var ifMatch = operation == Operations.Create ? null : JobResults.IfMatch(http.Request);
        var write = new AcceptedWrite(JobResults.NewJobId(), orderId, operation, payload, ifMatch, clock.GetUtcNow());
        var outcome = await writer.AcceptAsync(write, http.RequestAborted);
        return JobResults.For(http, write, outcome);
    }
}
