using System.Text.Json.Serialization;
using Engage.BuildingBlocks.Json;
using Engage.Modules.Catalog.Contracts;
using Engage.Modules.Catalog.Model;

namespace Engage.Modules.Catalog;

/// <summary>Source-generated JSON for everything the module reads, writes and publishes.</summary>
[JsonSerializable(typeof(Article))]
[JsonSerializable(typeof(Store))]
[JsonSerializable(typeof(OrderReferencesChecked))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext
{
    /// <summary>The context to use: the contract's JSON rules (<see cref="EngageJson"/>).</summary>
    public static CatalogJsonContext Api { get; } = new(EngageJson.CreateOptions());
}
