using System.Reflection;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engage.BuildingBlocks.Database;

/// <summary>
/// A module's SQL migrations: embedded resources named <c>Migrations/NNNN_name.sql</c> in its
/// assembly, applied in name order, once each, recorded in <c>schema_migrations</c>.
/// </summary>
public sealed record ModuleMigrations(string Module, Assembly Assembly);

internal sealed class MigrationRunner(Db db, IEnumerable<ModuleMigrations> modules, IOptions<DatabaseOptions> options, ILogger<MigrationRunner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Migrate();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Migrate()
    {
        var pageSize = options.Value.PageSize;
        if (pageSize is < 512 or > 65536 || (pageSize & (pageSize - 1)) != 0)
        {
            throw new InvalidOperationException($"Engage:Database:PageSize must be a power of two from 512 to 65536, not {pageSize}.");
        }

        using var connection = db.Open();
        // Takes effect only while the file is empty (a new database); an existing one keeps its page size.
        connection.Execute($"PRAGMA page_size={pageSize}; PRAGMA journal_mode=WAL;");
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
