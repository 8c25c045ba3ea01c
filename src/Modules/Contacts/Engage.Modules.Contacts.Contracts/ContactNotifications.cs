using Mediator;

namespace Engage.Modules.Contacts.Contracts;

/// <summary>
/// The answer to an <c>OrderStored</c>: the contact the order's match key resolves to, or
/// <c>ContactId = null</c> when none does. <paramref name="LateConnection"/> is true when a contact
/// registered later matched an order that had been waiting.
/// </summary>
public sealed record OrderContactResolved(
    string OrderId,
    string VersionTag,
    string MatchKeyType,
    string MatchKey,
    string? ContactId,
    bool LateConnection,
    DateTimeOffset ResolvedAt) : INotification;

/// <summary>
/// A contact was deleted (GDPR). Orders deletes the contact's orders; the integration log masks
/// the personal data in <paramref name="Identifiers"/> (the match-key values the contact had).
/// </summary>
public sealed record ContactDeleted(
    string ContactId,
    IReadOnlyList<string> Identifiers,
    DateTimeOffset DeletedAt) : INotification;

/// <summary>A contact was registered. Orders keeps the ids of known contacts (for 404 on paging by an unknown contact).</summary>
public sealed record ContactRegistered(
    string ContactId,
    DateTimeOffset RegisteredAt) : INotification;
