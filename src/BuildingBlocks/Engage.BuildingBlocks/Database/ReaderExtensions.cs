using Microsoft.Data.Sqlite;

namespace Engage.BuildingBlocks.Database;

public static class ReaderExtensions
{
    /// <summary>The text in column <paramref name="ordinal"/>, or null for SQL NULL.</summary>
    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
