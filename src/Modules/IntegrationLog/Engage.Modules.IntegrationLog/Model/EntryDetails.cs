using System.Buffers;
using System.Text.Json;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Json;

namespace Engage.Modules.IntegrationLog.Model;

/// <summary>
/// An entry's details: a flat JSON object of text and numbers, written straight to UTF-8 in the
/// order given, exactly as <c>JsonObject.ToJsonString(LogWriter.DetailsOptions)</c> writes the same
/// properties (nulls included), without the node tree and the UTF-16 string in between. An entry is
/// written with every stored order that misses something, so this is on the stages' hot path.
/// </summary>
internal static class EntryDetails
{
    // One buffer and writer per thread, reused: Of never awaits, so nothing else runs on them meanwhile.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? writer;

    /// <summary>The object of these properties; a value is text, an integer or null.</summary>
    public static Utf8Text Of(params ReadOnlySpan<(string Name, object? Value)> properties)
    {
        var output = buffer ??= new ArrayBufferWriter<byte>(256);
        output.ResetWrittenCount();
        var json = writer ??= new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = EngageJson.Encoder });
        json.Reset(output);
        json.WriteStartObject();
        foreach (var (name, value) in properties)
        {
            switch (value)
            {
                case null:
                    json.WriteNull(name);
                    break;
                case string text:
                    json.WriteString(name, text);
                    break;
                case int number:
                    json.WriteNumber(name, number);
                    break;
                case long number:
                    json.WriteNumber(name, number);
                    break;
                default:
                    throw new ArgumentException($"Details hold text and integers; '{name}' is a {value.GetType().Name}.", nameof(properties));
            }
        }

        json.WriteEndObject();
        json.Flush();
        return new Utf8Text(output.WrittenSpan.ToArray());
    }
}
