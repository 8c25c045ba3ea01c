using Engage.BuildingBlocks.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engage.Modules.Contacts;

/// <summary>The Contacts module's one registration call.</summary>
public static class ContactsModule
{
    public static IServiceCollection AddContactsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new ModuleMigrations("contacts", typeof(ContactsModule).Assembly));
        return services;
    }
}
