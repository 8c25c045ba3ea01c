using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mediator;

namespace Engage.BuildingBlocks.Messaging;

/// <summary>One stored message type: a stable versioned name and its source-generated JSON contract.</summary>
public abstract class MessageType
{
    public abstract string Name { get; }

    public abstract Type ClrType { get; }

    internal abstract string Serialize(INotification notification);

    internal abstract INotification Deserialize(string payload);
}

internal sealed class MessageType<T>(string name, JsonTypeInfo<T> typeInfo) : MessageType where T : INotification
{
    public override string Name => name;

    public override Type ClrType => typeof(T);

    internal override string Serialize(INotification notification) => JsonSerializer.Serialize((T)notification, typeInfo);

    internal override INotification Deserialize(string payload) =>
        JsonSerializer.Deserialize(payload, typeInfo) ?? throw new JsonException($"Message payload of {name} is null.");
}

/// <summary>Maps stored names to notification types and back. Names, not CLR names, are what is stored.</summary>
public sealed class MessageTypes
{
    private readonly Dictionary<string, MessageType> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, MessageType> byType = new();

    public MessageTypes(IEnumerable<MessageType> types)
    {
        foreach (var type in types)
        {
            if (!byName.TryAdd(type.Name, type) || !byType.TryAdd(type.ClrType, type))
            {
                throw new InvalidOperationException($"Message type {type.Name} ({type.ClrType}) is registered twice.");
            }
        }
    }

    public MessageType For(Type clrType) =>
        byType.TryGetValue(clrType, out var type)
            ? type
            : throw new InvalidOperationException($"{clrType} is not a registered message type.");

    public bool TryGet(string name, out MessageType type) => byName.TryGetValue(name, out type!);

    public static MessageType Create<T>(string name, JsonTypeInfo<T> typeInfo) where T : INotification => new MessageType<T>(name, typeInfo);
}
