using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engage.BuildingBlocks.Json;

/// <summary>
/// The JSON rules of the contract, for every module's source-generated context: camelCase names
/// matched case-insensitively, numbers only as numbers, unknown and duplicate properties refused,
/// nulls omitted on output, and no needless escaping of '+' or quotes in what clients read.
/// </summary>
public static class EngageJson
{
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static JsonSerializerOptions CreateOptions() => new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowDuplicateProperties = false,
        MaxDepth = 32,
        Encoder = Encoder,
    };
}
