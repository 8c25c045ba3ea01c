using System.Text.Json.Serialization;

namespace Engage.Modules.Catalog.Model;

/// <summary>An article of the register. On input <c>sku</c> is optional and, when sent, must equal the path.</summary>
internal sealed record Article(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Sku,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Description,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ImageUri,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? TargetUri);

/// <summary>A store of the register. On input <c>externalStoreId</c> is optional and, when sent, must equal the path.</summary>
internal sealed record Store(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ExternalStoreId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CountryCode);
