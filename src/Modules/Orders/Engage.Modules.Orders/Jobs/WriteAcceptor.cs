using System.Text.Json.Serialization.Metadata;
using Engage.BuildingBlocks.Http;
using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace Engage.Modules.Orders.Jobs;

/// <summary>The common path of every asynchronous order write: read, check, make the job durable, answer.</summary>
internal sealed class WriteAcceptor(JobWriter writer, OrdersSettings settings, TimeProvider clock)
{
    /// <summary>
    /// Reads the body as <typeparamref name="T"/>, validates it (all errors at once, with those
    /// <paramref name="check"/> adds) and accepts the body, as it arrived, as the job's payload.
    /// The store stage parses it again and normalises it: serialising the normalised value here
    /// cost the request about a twentieth of its CPU, and the stage parses the payload either way.
    /// </summary>
    public async Task<IResult> AcceptBodyAsync<T>(
        HttpContext http,
        string operation,
        JsonTypeInfo<T> typeInfo,
        IValidator<T> validator,
        Func<T, string> orderIdOf,
        Action<T, Dictionary<string, List<string>>>? check = null)
    {
        var body = await JsonBody.ReadAsync(http.Request, typeInfo, settings.MaxRequestBodyBytes, keepBody: true);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        var value = body.Value!;
        var errors = Validation.ToErrors(validator.Validate(value));
        check?.Invoke(value, errors);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        return await AcceptAsync(http, orderIdOf(value), operation, body.Utf8);
    }

    public async Task<IResult> AcceptAsync(HttpContext http, string orderId, string operation, byte[]? payload)
    {
        var ifMatch = operation == Operations.Create ? null : JobResults.IfMatch(http.Request);
        var write = new AcceptedWrite(JobResults.NewJobId(), orderId, operation, payload, ifMatch, clock.GetUtcNow());
        var outcome = await writer.AcceptAsync(write, http.RequestAborted);
        return JobResults.For(http, write, outcome);
    }
}
