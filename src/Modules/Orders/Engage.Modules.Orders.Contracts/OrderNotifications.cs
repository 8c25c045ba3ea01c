using Mediator;

namespace Engage.Modules.Orders.Contracts;

/// <summary>
/// A version of an order has been stored (created, replaced, or its status or delivery changed).
/// Contacts resolves the match key; Catalog checks the SKUs and the store. Both answer for this
/// <paramref name="VersionTag"/>.
/// </summary>
public sealed record OrderStored(
    string OrderId,
    string VersionTag,
    string JobId,
    string Operation,
    string MatchKeyType,
    string MatchKey,
    string? ExternalStoreId,
    IReadOnlyList<string> Skus,
    DateTimeOffset StoredAt) : INotification;

/// <summary>An order has been deleted (by the client, or because its contact was deleted).</summary>
public sealed record OrderDeleted(
    string OrderId,
    string? JobId,
    string? ContactId,
    string Reason,
    DateTimeOffset DeletedAt) : INotification;

/// <summary>An order action was triggered, by <c>/action</c> (Source = Api) or embedded in a write (Source = Embedded).</summary>
public sealed record OrderActionTriggered(
    string ActionId,
    string OrderId,
    string VersionTag,
    string Action,
    string ContactId,
    string? Language,
    string? Data,
    string Source,
    string? JobId,
    DateTimeOffset TriggeredAt) : INotification;

/// <summary>An embedded order action was not triggered, because the order had no contact.</summary>
public sealed record OrderActionNotTriggered(
    string OrderId,
    string VersionTag,
    string Action,
    string? JobId,
    string Reason,
    DateTimeOffset At) : INotification;
