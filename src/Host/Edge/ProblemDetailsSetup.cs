using Engage.BuildingBlocks.Http;

namespace Engage.Host.Edge;

/// <summary>Framework-produced errors (unknown route, wrong method, unhandled exception) are problem+json too.</summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddEngageProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            var problem = context.ProblemDetails;
            problem.Instance = http.Request.Path.Value + http.Request.QueryString.Value;
            problem.Extensions["traceId"] = Problem.TraceId(http);
            var status = problem.Status ?? http.Response.StatusCode;
            problem.Type = Problem.TypeFor(status);
            problem.Detail ??= status switch
            {
                StatusCodes.Status404NotFound => "There is no resource at this address.",
                StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on this resource.",
                StatusCodes.Status500InternalServerError => "An unexpected error occurred. It has been logged with the traceId.",
                _ => problem.Title,
            };
        });
}
