using Microsoft.Data.Sqlite;

namespace Engage.Tests.Infrastructure;

/// <summary>Database files as an earlier version of the service left them, for upgrade tests.</summary>
public static class OldDatabase
{
    /// <summary>A new database file (in the tests' folder) on which <paramref name="sql"/> has run; returns its path.</summary>
    public static string Create(string sql, params (string Name, object Value)[] parameters)
    {
        var path = Path.Combine(Path.GetTempPath(), "engage-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
        return path;
    }

    /// <summary>The text of a migration script embedded in the assembly of <paramref name="module"/> (e.g. "0001_orders").</summary>
    public static string Migration(Type module, string version)
    {
        var assembly = module.Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith($".Migrations.{version}.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }

    /// <summary>The schema_migrations table of the runner, recording the given (module, version) pairs as applied.</summary>
    public static string Applied(params (string Module, string Version)[] migrations) =>
        "CREATE TABLE schema_migrations (module TEXT NOT NULL, version TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version)) WITHOUT ROWID;\n" +
        string.Concat(migrations.Select(m => $"INSERT INTO schema_migrations VALUES ('{m.Module}', '{m.Version}', '2025-01-01T00:00:00Z');\n"));
}
