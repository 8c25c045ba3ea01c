using System.Text.Json.Nodes;
using Dapper;
using Engage.BuildingBlocks.Messaging;
using Engage.Modules.Contacts.Contracts;
using Engage.Modules.IntegrationLog.Model;
using Mediator;

namespace Engage.Modules.IntegrationLog.MaskContactData;

/// <summary>
/// GDPR: when a contact is deleted, every value in <see cref="ContactDeleted.Identifiers"/> is
/// replaced by <c>***</c> wherever it occurs in an entry's message or details (case-insensitively).
/// </summary>
internal sealed class MaskContactDataHandler(MessageContext context) : INotificationHandler<ContactDeleted>
{
    public const string Mask = "***";

    private sealed record Row(long Seq, string Message, string Details);

    public ValueTask Handle(ContactDeleted notification, CancellationToken cancellationToken)
    {
        if (!context.TryBegin("integration-log.mask-contact-data"))
        {
            return ValueTask.CompletedTask;
        }

        var identifiers = notification.Identifiers.Where(i => !string.IsNullOrEmpty(i)).ToList();
        foreach (var identifier in identifiers)
        {
            // LIKE is a cheap superset (case-insensitive for ASCII); the exact test is done below.
            var rows = context.Connection.Query<Row>(
                """
                SELECT seq AS Seq, message AS Message, details AS Details FROM integration_log_entries
                WHERE message LIKE @pattern ESCAPE '\' OR details LIKE @pattern ESCAPE '\'
                """,
                new { pattern = "%" + EscapeLike(identifier) + "%" }, context.Transaction).ToList();
            foreach (var row in rows)
            {
                var message = Replace(row.Message, identifier);
                var details = JsonNode.Parse(row.Details)!;
                MaskStrings(details, identifier);
                var maskedDetails = details.ToJsonString(LogWriter.DetailsOptions);
                if (message != row.Message || maskedDetails != row.Details)
                {
                    context.Connection.Execute(
                        "UPDATE integration_log_entries SET message = @message, details = @details WHERE seq = @Seq",
                        new { message, details = maskedDetails, row.Seq }, context.Transaction);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private static void MaskStrings(JsonNode node, string identifier)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        obj[name] = Replace(text, identifier);
                    }
                    else if (child is not null)
                    {
                        MaskStrings(child, identifier);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        array[i] = Replace(text, identifier);
                    }
                    else if (array[i] is { } child)
                    {
                        MaskStrings(child, identifier);
                    }
                }

                break;
        }
    }

    private static string Replace(string text, string identifier) =>
        text.Replace(identifier, Mask, StringComparison.OrdinalIgnoreCase);

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
