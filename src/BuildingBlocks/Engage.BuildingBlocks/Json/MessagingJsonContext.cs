using System.Text.Json.Serialization;
using Engage.BuildingBlocks.Messaging;

namespace Engage.BuildingBlocks;

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MessageParked))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
