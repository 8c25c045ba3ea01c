using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.BuildingBlocks.Messaging;
using Engage.Modules.Contacts.Contracts;
using Engage.Modules.Contacts.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Contacts.DeleteContact;

/// <summary>
/// GDPR delete. The contact, its remembered match keys and any waiting orders with its identifiers
/// are removed, and <see cref="ContactDeleted"/> names every identifier value so Orders deletes the
/// contact's orders and the integration log masks them, all asynchronously.
/// </summary>
internal static class DeleteContactEndpoint
{
    public static void MapDeleteContact(this IEndpointRouteBuilder app) =>
        app.MapDelete("/api/v3/contacts/{contactId}", HandleAsync)
            .WithName("DeleteContact")
            .WithSummary("Delete a contact (GDPR)")
            .WithDescription("Deletes the contact; its orders are deleted and its personal data masked in the integration log asynchronously.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(HttpContext http, string contactId, Db db, Outbox outbox, TimeProvider clock)
    {
        var id = MatchKeys.Normalize(MatchKeyTypes.ContactId, contactId);
        var deleted = id is not null && await db.WriteAsync((connection, transaction) =>
        {
            var contact = connection.QuerySingleOrDefault<Contact>($"{ContactColumns.Select} WHERE contact_id = @id", new { id }, transaction);
            if (contact is null)
            {
                return Task.FromResult(false);
            }

            var identifiers = new List<string>();
            foreach (var (type, value) in contact.Identifiers())
            {
                identifiers.Add(value);
                connection.Execute(
                    "DELETE FROM contacts_waiting_orders WHERE match_key_type = @type AND lookup_key = @value",
                    new { type, value }, transaction);
            }

            if (contact.Email is not null)
            {
                identifiers.Add(contact.Email); // as registered; the normalised form is among the identifiers above
            }

            identifiers.AddRange(connection.Query<string>(
                "SELECT match_key FROM contacts_resolved_keys WHERE contact_id = @id", new { id }, transaction));
            connection.Execute("DELETE FROM contacts_resolved_keys WHERE contact_id = @id", new { id }, transaction);
            connection.Execute("DELETE FROM contacts_contacts WHERE contact_id = @id", new { id }, transaction);
            var distinct = identifiers.Distinct(StringComparer.Ordinal).ToList();
            outbox.Add(connection, transaction, new ContactDeleted(contact.ContactId, distinct, clock.GetUtcNow()));
            return Task.FromResult(true);
        }, http.RequestAborted);

        if (!deleted)
        {
            return Problem.NotFound($"There is no contact with contactId '{contactId}'.");
        }

        outbox.Signal.Notify();
        return Results.NoContent();
    }
}
