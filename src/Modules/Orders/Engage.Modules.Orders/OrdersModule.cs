using Engage.BuildingBlocks;
using Engage.BuildingBlocks.Database;
using Engage.Modules.Orders.JobRetention;
using Engage.Modules.Orders.Jobs;
using Engage.Modules.Orders.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Engage.Modules.Orders;

/// <summary>The Orders module: order creation and jobs, the store stage, reads and actions.</summary>
public static class OrdersModule
{
    public static IServiceCollection AddOrdersModule(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Engage:Orders").Get<OrdersSettings>() ?? new OrdersSettings();
        services.AddSingleton(settings);
        services.AddSingleton(new ModuleMigrations("orders", typeof(OrdersModule).Assembly));
        services.AddSingleton<OrderValidator>();
        services.AddSingleton<JobWriter>();
        services.AddSingleton<WriteAcceptor>();
        services.AddSingleton<ChangeStatusValidator>();
        services.AddSingleton<ChangeDeliveryValidator>();
        services.AddSingleton<TriggerActionValidator>();
        services.AddSingleton<JobRetentionJob>();
        services.AddQuartz(quartz => quartz.AddRecurringJob<JobRetentionJob>(JobRetentionJob.Key, TimeSpan.FromMinutes(1), settings.RetentionSweepInterval));

        services.AddMessageType(FailParkedJob.FailParkedJobHandler.StoreMessageType, OrdersJsonContext.Api.OrderWriteAccepted);
        services.AddMessageType("orders.order-stored.v1", OrdersJsonContext.Api.OrderStored);
        services.AddMessageType("orders.order-deleted.v1", OrdersJsonContext.Api.OrderDeleted);
        services.AddMessageType("orders.order-action-triggered.v1", OrdersJsonContext.Api.OrderActionTriggered);
        services.AddMessageType("orders.order-action-not-triggered.v1", OrdersJsonContext.Api.OrderActionNotTriggered);

        // Notifications Orders consumes from other modules are registered by their producers.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Add(OrdersJsonContext.Api));
        return services;
    }
}
