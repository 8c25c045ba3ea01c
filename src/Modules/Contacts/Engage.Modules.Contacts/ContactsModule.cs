using Engage.BuildingBlocks;
using Engage.BuildingBlocks.Database;
using Engage.Modules.Contacts.RegisterContact;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engage.Modules.Contacts;

/// <summary>The Contacts module's one registration call: contacts, and the "connect contact" stage.</summary>
public static class ContactsModule
{
    public static IServiceCollection AddContactsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new ModuleMigrations("contacts", typeof(ContactsModule).Assembly));
        services.AddSingleton<RegisterContactValidator>();
        services.AddSingleton<RegisterContactHandler>();

        services.AddMessageType("contacts.order-contact-resolved.v1", ContactsJsonContext.Api.OrderContactResolved);
        services.AddMessageType("contacts.contact-deleted.v1", ContactsJsonContext.Api.ContactDeleted);
        services.AddMessageType("contacts.contact-registered.v1", ContactsJsonContext.Api.ContactRegistered);

        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Add(ContactsJsonContext.Api));
        return services;
    }
}
