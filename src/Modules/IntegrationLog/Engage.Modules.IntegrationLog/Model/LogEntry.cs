using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engage.Modules.IntegrationLog.Model;

/// <summary>An integration-log entry as the API returns it: every field always present, details an object.</summary>
internal sealed record LogEntry(
    string Id,
    string Timestamp,
    string Type,
    string Severity,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ProposedAction,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? OrderId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? JobId,
    JsonElement Details);

internal static class Severities
{
    public const string Info = "Info";
    public const string Warning = "Warning";
    public const string Error = "Error";

    public static readonly string[] All = [Info, Warning, Error];

    public static string? Canonical(string? value) =>
        value is null ? null : All.FirstOrDefault(name => string.Equals(name, value, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The documented messages, reasons and proposed actions (Voyado's integration-log table), verbatim.</summary>
internal static class Texts
{
    public const string ContactMissing = "Contact is missing";
    public const string ContactMissingReason = "No contact is found when using the supplied contact data identifiers.";
    public const string ContactMissingAction = "Correct the identifiers or register the contact first and then send in order again.";

    public const string ArticleMissing = "Article is missing";
    public const string ArticleMissingReason = "The article SKU registered on order is missing from the Article register.";
    public const string ArticleMissingAction = "Register the article SKU and then send in the order again.";

    public const string StoreMissing = "Store is missing";
    public const string StoreMissingReason = "The store number registered on order is missing in the Store register.";
    public const string StoreMissingAction = "Add the missing store in Engage.";
}
