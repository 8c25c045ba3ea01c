using System.Text.Json.Serialization;
using Engage.BuildingBlocks.Json;
using Engage.Modules.Contacts.Contracts;
using Engage.Modules.Contacts.Model;
using Engage.Modules.Contacts.RegisterContact;

namespace Engage.Modules.Contacts;

/// <summary>Source-generated JSON for everything the module reads, writes and publishes.</summary>
[JsonSerializable(typeof(RegisterContactRequest))]
[JsonSerializable(typeof(Contact))]
[JsonSerializable(typeof(OrderContactResolved))]
[JsonSerializable(typeof(ContactDeleted))]
[JsonSerializable(typeof(ContactRegistered))]
internal sealed partial class ContactsJsonContext : JsonSerializerContext
{
    /// <summary>The context to use: the contract's JSON rules (<see cref="EngageJson"/>).</summary>
    public static ContactsJsonContext Api { get; } = new(EngageJson.CreateOptions());
}
