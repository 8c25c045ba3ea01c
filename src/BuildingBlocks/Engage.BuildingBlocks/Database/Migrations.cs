using System.Reflection;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engage.BuildingBlocks.Database;

/// <summary>
/// A module's SQL migrations: embedded resources named <c>Migrations/NNNN_name.sql</c> in its
/// assembly, applied in name order, once each, recorded in <c>schema_migrations</c>.
/// </summary>
public sealed record ModuleMigrations(string Module, Assembly Assembly);

internal sealed class MigrationRunner(Db db, IEnumerable<ModuleMigrations> modules, ILogger<MigrationRunner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Migrate();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Migrate()
    {
        using var connection = db.Open();
        connection.Execute("PRAGMA journal_mode=WAL;");
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                module     TEXT NOT NULL,
                version    TEXT NOT NULL,
                applied_at TEXT NOT NULL,
                PRIMARY KEY (module, version)
            ) WITHOUT ROWID;
            """);

        foreach (var module in modules)
        {
            var scripts = module.Assembly.GetManifestResourceNames()
                .Where(name => name.Contains(".Migrations.", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
                .OrderBy(name => name, StringComparer.Ordinal);
            foreach (var resource in scripts)
            {
                var version = resource[(resource.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..^".sql".Length];
                using var transaction = connection.BeginTransaction();
                var applied = connection.ExecuteScalar<long>(
                    "SELECT COUNT(*) FROM schema_migrations WHERE module = @module AND version = @version",
                    new { module = module.Module, version }, transaction);
                if (applied > 0)
                {
                    continue;
                }

                using var stream = module.Assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream);
                connection.Execute(reader.ReadToEnd(), transaction: transaction);
                connection.Execute(
                    "INSERT INTO schema_migrations (module, version, applied_at) VALUES (@module, @version, @at)",
                    new { module = module.Module, version, at = DateTimeOffset.UtcNow.ToString("O") }, transaction);
                transaction.Commit();
                logger.LogInformation("Applied migration {Module}/{Version}", module.Module, version);
            }
        }
    }
}
