using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Engage.BuildingBlocks.Http;

/// <summary>
/// An RFC 9457 problem response: <c>type, title, status, detail, instance, traceId</c>, plus
/// <c>errors</c> keyed by JSON path for validation failures and any extension members (e.g. <c>jobId</c>).
/// Written with a Utf8JsonWriter: no reflection on the error path either.
/// </summary>
public sealed class Problem : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string ContentTypeValue = "application/problem+json";

    private readonly List<KeyValuePair<string, string>> extensions = [];

    public Problem(int status, string title, string? detail = null, IReadOnlyDictionary<string, List<string>>? errors = null)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors;
    }

    public int Status { get; }

    public string Title { get; }

    public string? Detail { get; }

    public IReadOnlyDictionary<string, List<string>>? Errors { get; }

    public string Type => TypeFor(Status);

    int? IStatusCodeHttpResult.StatusCode => Status;

    string? IContentTypeHttpResult.ContentType => ContentTypeValue;

    public Problem With(string name, string value)
    {
        extensions.Add(new(name, value));
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = ContentTypeValue;
        response.Headers.CacheControl = "no-store";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.EngageJson.Encoder }))
        {
            Write(writer, httpContext);
        }

        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }

    public void Write(Utf8JsonWriter writer, HttpContext httpContext)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        writer.WriteString("title", Title);
        writer.WriteNumber("status", Status);
        writer.WriteString("detail", Detail ?? Title);
        writer.WriteString("instance", httpContext.Request.Path.Value + httpContext.Request.QueryString.Value);
        writer.WriteString("traceId", TraceId(httpContext));
        foreach (var (name, value) in extensions)
        {
            writer.WriteString(name, value);
        }

        if (Errors is not null)
        {
            writer.WriteStartObject("errors");
            foreach (var (path, messages) in Errors)
            {
                writer.WriteStartArray(path);
                foreach (var message in messages)
                {
                    writer.WriteStringValue(message);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static string TraceId(HttpContext httpContext) => Activity.Current?.Id ?? httpContext.TraceIdentifier;

    public static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };

    public static Problem Validation(IReadOnlyDictionary<string, List<string>> errors) =>
        new(StatusCodes.Status400BadRequest, "One or more validation errors occurred.",
            "The request body breaks the rules listed under 'errors', keyed by JSON path.", errors);

    public static Problem NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not Found", detail);

    public static Problem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad Request", detail);
}
