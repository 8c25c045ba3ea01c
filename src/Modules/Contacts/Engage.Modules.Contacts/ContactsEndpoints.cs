using Carter;
using Engage.Modules.Contacts.DeleteContact;
using Engage.Modules.Contacts.FindContact;
using Engage.Modules.Contacts.GetContact;
using Engage.Modules.Contacts.RegisterContact;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Contacts;

/// <summary>The module's one Carter module: it maps every Contacts slice.</summary>
public sealed class ContactsEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("").WithTags("Contacts");
        contacts.MapRegisterContact();
        contacts.MapGetContact();
        contacts.MapFindContact();
        contacts.MapDeleteContact();
    }
}
