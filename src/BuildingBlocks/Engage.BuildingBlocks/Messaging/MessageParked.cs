using Mediator;

namespace Engage.BuildingBlocks.Messaging;

/// <summary>
/// Published when a message has failed every attempt and is set aside. <paramref name="OrderId"/>
/// is taken from the payload when it has one, so the integration log can file the error under it.
/// </summary>
public sealed record MessageParked(
    string MessageId,
    string MessageType,
    int Attempts,
    string Error,
    string? OrderId,
    string? JobId,
    DateTimeOffset ParkedAt) : INotification;
