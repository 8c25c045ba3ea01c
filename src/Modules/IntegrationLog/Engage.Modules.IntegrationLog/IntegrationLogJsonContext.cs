using System.Text.Json.Serialization;
using Engage.BuildingBlocks.Http;
using Engage.BuildingBlocks.Json;
using Engage.Modules.IntegrationLog.GetEntries;
using Engage.Modules.IntegrationLog.Model;

namespace Engage.Modules.IntegrationLog;

/// <summary>Source-generated JSON for what the module returns.</summary>
[JsonSerializable(typeof(LogPage))]
[JsonSerializable(typeof(LogEntry))]
[JsonSerializable(typeof(Link))]
internal sealed partial class IntegrationLogJsonContext : JsonSerializerContext
{
    /// <summary>The context to use: the contract's JSON rules (<see cref="EngageJson"/>).</summary>
    public static IntegrationLogJsonContext Api { get; } = new(EngageJson.CreateOptions());
}
