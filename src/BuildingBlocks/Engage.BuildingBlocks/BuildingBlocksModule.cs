using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.BuildingBlocks.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Engage.BuildingBlocks;

public static class BuildingBlocksModule
{
    public const string ConnectionStringName = "Engage";

    /// <summary>
    /// The database, migrations, outbox (writer, processor, pump, Quartz tick) and message types.
    /// Register before the modules so migrations run before anything else starts.
    /// </summary>
    public static IServiceCollection AddBuildingBlocks(this IServiceCollection services, IConfiguration configuration)
    {
        Validation.UseJsonNames();
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set.");
        }

        services.AddSingleton(TimeProvider.System);
        var database = configuration.GetSection("Engage:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.Configure<DatabaseOptions>(configuration.GetSection("Engage:Database"));
        // A factory, so the container disposes it (its writer connection).
        services.AddSingleton(_ => new Db(connectionString, database.BackgroundCheckpoints));
        services.AddSingleton(new ModuleMigrations("messaging", typeof(Db).Assembly));
        services.AddHostedService<MigrationRunner>();
        services.AddSingleton<GroupCommit>();
        services.AddHostedService(provider => provider.GetRequiredService<GroupCommit>());
        if (database.BackgroundCheckpoints)
        {
            services.AddHostedService<Checkpointer>();
        }

        services.Configure<OutboxOptions>(configuration.GetSection("Engage:Outbox"));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxProcessor>();
        services.AddScoped<MessageContext>();
        services.AddSingleton(provider => new MessageTypes(provider.GetServices<MessageType>()));
        services.AddMessageType(OutboxProcessor.ParkedTypeName, MessagingJsonContext.Default.MessageParked);
        services.AddSingleton<InboxRetentionJob>();
        services.AddQuartz(quartz => quartz.AddRecurringJob<InboxRetentionJob>(InboxRetentionJob.Key, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)));

        var outbox = configuration.GetSection("Engage:Outbox").Get<OutboxOptions>() ?? new OutboxOptions();
        if (outbox.Enabled)
        {
            services.AddHostedService<OutboxPump>();
            services.AddQuartz(quartz => quartz.AddRecurringJob<OutboxTickJob>(OutboxTickJob.Key, outbox.TickInterval, outbox.TickInterval));
        }

        return services;
    }

    /// <summary>Registers a notification type that travels through the outbox under a stable name.</summary>
    public static IServiceCollection AddMessageType<T>(this IServiceCollection services, string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : Mediator.INotification
    {
        services.AddSingleton(MessageTypes.Create(name, typeInfo));
        return services;
    }
}
