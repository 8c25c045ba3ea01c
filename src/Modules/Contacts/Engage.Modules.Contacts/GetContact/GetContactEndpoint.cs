using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.Modules.Contacts.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Contacts.GetContact;

/// <summary>GET a contact by its contactId.</summary>
internal static class GetContactEndpoint
{
    public static void MapGetContact(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v3/contacts/{contactId}", Handle)
            .WithName("GetContact")
            .WithSummary("Get a contact")
            .Produces<Contact>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static IResult Handle(string contactId, Db db)
    {
        var id = MatchKeys.Normalize(MatchKeyTypes.ContactId, contactId);
        using var connection = db.Open();
        var contact = id is null
            ? null
            : connection.QuerySingleOrDefault<Contact>($"{ContactColumns.Select} WHERE contact_id = @id", new { id });
        return contact is null
            ? Problem.NotFound($"There is no contact with contactId '{contactId}'.")
            : Results.Json(contact, ContactsJsonContext.Api.Contact);
    }
}
