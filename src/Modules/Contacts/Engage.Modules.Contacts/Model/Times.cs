using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Engage.Modules.Contacts.Model;

internal static class Times
{
    /// <summary>ISO 8601 with offset, fractional seconds only when there are any.</summary>
    public static string Format(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}

/// <summary>The raw match keys that resolved to a contact (named again when the contact is deleted).</summary>
internal static class ResolvedKeys
{
    /// <summary>Arguments: <c>$contactId</c>, <c>$matchKey</c>.</summary>
    public const string RememberSql = "INSERT OR IGNORE INTO contacts_resolved_keys (contact_id, match_key) VALUES ($contactId, $matchKey)";

    public static void Remember(SqliteConnection connection, SqliteTransaction transaction, string contactId, string matchKey) =>
        connection.Execute(RememberSql, new { contactId, matchKey }, transaction);
}
