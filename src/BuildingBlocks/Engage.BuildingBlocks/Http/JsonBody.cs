using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Engage.BuildingBlocks.Http;

/// <summary>The outcome of reading a JSON body: a value, or the problem to answer with.</summary>
public readonly record struct BodyResult<T>(T? Value, Problem? Problem)
{
    public bool IsValid => Problem is null;

    /// <summary>The body as it arrived (UTF-8 JSON), when the reader was asked to keep it.</summary>
    public byte[]? Utf8 { get; init; }
}

/// <summary>
/// Reads a request body as JSON, strictly and without a 500 on any client mistake:
/// 415 for a missing or non-JSON content type, 413 past the size limit, 400 for malformed JSON,
/// a wrong JSON type, too deep nesting, a duplicate or an unknown property (named by path).
/// </summary>
public static class JsonBody
{
    public const long DefaultLimit = 1024 * 1024;

    /// <param name="keepBody">Also return the body's bytes (<see cref="BodyResult{T}.Utf8"/>) when it parses.</param>
    public static async ValueTask<BodyResult<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, long limit, bool keepBody = false)
    {
        if (!IsJson(request.ContentType))
        {
            return new(default, new Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type",
                "The request body must be sent with 'Content-Type: application/json'."));
        }

        if (request.ContentLength > limit)
        {
            return new(default, TooLarge(limit));
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return new(default, TooLarge(limit));
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return new(default, TooLarge(limit));
                }
            }

            if (length == 0)
            {
                return new(default, Problem.BadRequest("A JSON request body is required."));
            }

            var body = buffer.AsSpan(0, length);
            var result = Parse(body, typeInfo);
            return keepBody && result.IsValid ? result with { Utf8 = body.ToArray() } : result;
        }
        catch (BadHttpRequestException exception)
        {
            return new(default, new Problem(exception.StatusCode, "Bad Request", exception.Message));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static BodyResult<T> Parse<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            var value = JsonSerializer.Deserialize(utf8, typeInfo);
            if (value is null)
            {
                return new(default, Problem.BadRequest("The request body must be a JSON object, not null."));
            }

            return new(value, null);
        }
        catch (JsonException exception)
        {
            return new(default, FromJsonException(exception));
        }
    }

    public static Problem FromJsonException(JsonException exception)
    {
        var path = PathOf(exception.Path);
        var message = exception.Message;
        string error;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = Between(message, "The JSON property '", "'");
            var parent = path.EndsWith(name, StringComparison.Ordinal) ? path : string.IsNullOrEmpty(path) ? name : $"{path}.{name}";
            return Problem.Validation(new Dictionary<string, List<string>> { [parent] = [$"'{name}' is not a known property."] });
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            error = "This property appears more than once.";
        }
        else if (exception.BytePositionInLine is not null && exception.InnerException is null && message.Contains("LineNumber", StringComparison.Ordinal) && !message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            var text = cut > 0 ? message[..cut] : message;
            return new Problem(StatusCodes.Status400BadRequest, "Malformed JSON",
                $"The request body is not valid JSON: {text.Trim()}",
                new Dictionary<string, List<string>> { [path.Length == 0 ? "$" : path] = ["The JSON is malformed here."] });
        }
        else
        {
            error = "The value has the wrong JSON type for this property.";
        }

        return Problem.Validation(new Dictionary<string, List<string>> { [path.Length == 0 ? "$" : path] = [error] });
    }

    /// <summary><c>$.lineItems.items[2].article.sku</c> → <c>lineItems.items[2].article.sku</c>.</summary>
    public static string PathOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "";
        }

        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return path.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var charset = mediaType.Charset.Value;
        if (!string.IsNullOrEmpty(charset) && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var type = mediaType.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static Problem TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"The request body is larger than {limit} bytes.");

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        if (from < 0)
        {
            return "";
        }

        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return to < 0 ? text[from..] : text[from..to];
    }
}
