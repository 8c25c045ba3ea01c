using Mediator;

namespace Engage.Modules.Catalog.Contracts;

/// <summary>
/// The answer to an <c>OrderStored</c>: which SKUs are not in the article register, and the
/// <c>externalStoreId</c> when it is given and not in the store register.
/// </summary>
public sealed record OrderReferencesChecked(
    string OrderId,
    string VersionTag,
    IReadOnlyList<string> MissingSkus,
    string? MissingStoreId,
    DateTimeOffset CheckedAt) : INotification;
