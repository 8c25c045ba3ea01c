using Carter;
using Engage.BuildingBlocks;
using Engage.BuildingBlocks.Database;
using Engage.Host.Edge;
using Engage.Modules.Catalog;
using Engage.Modules.Contacts;
using Engage.Modules.IntegrationLog;
using Engage.Modules.Orders;
using Quartz;
using Scalar.AspNetCore;

// appsettings*.json are read from the build output, wherever the service is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

var apiKeys = ApiKeys.FromConfiguration(builder.Configuration, builder.Environment);

builder.Services.AddSingleton(apiKeys);
// The contract's JSON rules also for what the framework writes and for the OpenAPI schemas.
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
    options.SerializerOptions.Encoder = Engage.BuildingBlocks.Json.EngageJson.Encoder;
});
builder.Services.AddBuildingBlocks(builder.Configuration);
builder.Services.AddOrdersModule(builder.Configuration);
builder.Services.AddContactsModule(builder.Configuration);
builder.Services.AddCatalogModule(builder.Configuration);
builder.Services.AddIntegrationLogModule(builder.Configuration);

// Module assemblies are named explicitly: scanning from the entry assembly breaks under test hosts.
builder.Services.AddMediator(options =>
{
    options.Assemblies =
    [
        typeof(Db),
        typeof(OrdersModule),
        typeof(ContactsModule),
        typeof(CatalogModule),
        typeof(IntegrationLogModule),
        // The notification records: the generator only wires handlers of message types it scans.
        typeof(Engage.Modules.Orders.Contracts.OrderStored),
        typeof(Engage.Modules.Contacts.Contracts.OrderContactResolved),
        typeof(Engage.Modules.Catalog.Contracts.OrderReferencesChecked),
    ];
    options.ServiceLifetime = ServiceLifetime.Scoped;
});
builder.Services.AddCarter(configurator: carter => carter
    .WithModules(typeof(OrdersEndpoints), typeof(ContactsEndpoints), typeof(CatalogEndpoints), typeof(IntegrationLogEndpoints))
    .WithEmptyValidators());
// A scheduler name of its own per host: Quartz keeps schedulers in a process-wide repository by name,
// and hosts sharing a process (test hosts) must not fire each other's jobs.
builder.Services.AddQuartz(quartz => quartz.SchedulerName = $"engage-{Guid.NewGuid():N}");
builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);

builder.Services.AddEngageProblemDetails();
builder.Services.AddEngageRateLimiting(builder.Configuration);
builder.Services.AddEngageHealthChecks();
builder.Services.AddEngageOpenApi();

var app = builder.Build();
QuartzLogging.Use(app.Services.GetRequiredService<ILoggerFactory>());

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiKeyAuthentication();
app.UseEngageRateLimiting();

app.MapEngageHealthChecks();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/scalar", options => options.WithTitle("Engage Orders API v3"));
app.MapCarter();

app.Run();

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;
