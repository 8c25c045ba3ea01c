using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.BuildingBlocks.Messaging;
using Engage.Modules.Contacts.Contracts;
using Engage.Modules.Contacts.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace Engage.Modules.Contacts.RegisterContact;

/// <summary>
/// Registers a contact. In the same transaction: the identifiers are checked against every other
/// contact (409 naming the one already taken), the contact is inserted, and each order waiting for
/// one of its identifiers is announced as connected (<c>LateConnection = true</c>) and forgotten.
/// </summary>
internal sealed class RegisterContactHandler(RegisterContactValidator validator, Db db, Outbox outbox, TimeProvider clock)
{
    private sealed record Waiting(string OrderId, string VersionTag, string MatchKeyType, string MatchKey);

    public async Task<IResult> HandleAsync(HttpContext http, RegisterContactRequest request)
    {
        if (Validation.Check(validator, request) is { } problem)
        {
            return problem;
        }

        var now = clock.GetUtcNow();
        var contact = new Contact(
            Guid.NewGuid().ToString("D"),
            request.Email?.Trim(),
            MatchKeys.ToE164(request.MobilePhone),
            request.MemberNumber,
            request.ExternalId,
            request.SocialSecurityNumber,
            request.FirstName,
            request.LastName,
            Times.Format(now));

        var result = await db.WriteAsync((connection, transaction) => Task.FromResult(Register(connection, transaction, contact, now)), http.RequestAborted);
        if (result.Conflict is not null)
        {
            return new Problem(StatusCodes.Status409Conflict, "Conflict", result.Conflict);
        }

        // The registration itself is announced (ContactRegistered), so there is always something to deliver.
        outbox.Signal.Notify();

        http.Response.Headers.Location = $"/api/v3/contacts/{contact.ContactId}";
        return Results.Json(contact, ContactsJsonContext.Api.Contact, statusCode: StatusCodes.Status201Created);
    }

    private (string? Conflict, int Connected) Register(SqliteConnection connection, SqliteTransaction transaction, Contact contact, DateTimeOffset now)
    {
        var identifiers = contact.Identifiers().Where(i => i.MatchKeyType != MatchKeyTypes.ContactId).ToList();
        var taken = identifiers
            .Where(i => connection.ExecuteScalar<long>(
                $"SELECT COUNT(*) FROM contacts_contacts WHERE {MatchKeyTypes.Column(i.MatchKeyType)} = @value",
                new { value = i.Value }, transaction) > 0)
            .Select(i => $"{Json(i.MatchKeyType)} '{i.Value}'")
            .ToList();
        if (taken.Count > 0)
        {
            return ($"Another contact already has {string.Join(", ", taken)}. Each identifier belongs to at most one contact.", 0);
        }

        connection.Execute(
            """
            INSERT INTO contacts_contacts (contact_id, email, email_key, mobile_phone, member_number, external_id,
                                           social_security_number, first_name, last_name, created_at)
            VALUES (@ContactId, @Email, @emailKey, @MobilePhone, @MemberNumber, @ExternalId,
                    @SocialSecurityNumber, @FirstName, @LastName, @CreatedAt)
            """,
            new
            {
                contact.ContactId,
                contact.Email,
                emailKey = contact.Email is null ? null : MatchKeys.Normalize(MatchKeyTypes.Email, contact.Email),
                contact.MobilePhone,
                contact.MemberNumber,
                contact.ExternalId,
                contact.SocialSecurityNumber,
                contact.FirstName,
                contact.LastName,
                contact.CreatedAt,
            },
            transaction);
        outbox.Add(connection, transaction, new ContactRegistered(contact.ContactId, now));

        var connected = 0;
        foreach (var (type, value) in identifiers)
        {
            var waiting = connection.Query<Waiting>(
                """
                SELECT order_id AS OrderId, version_tag AS VersionTag, match_key_type AS MatchKeyType, match_key AS MatchKey
                FROM contacts_waiting_orders WHERE match_key_type = @type AND lookup_key = @value
                """,
                new { type, value }, transaction).ToList();
            foreach (var order in waiting)
            {
                outbox.Add(connection, transaction, new OrderContactResolved(
                    order.OrderId, order.VersionTag, order.MatchKeyType, order.MatchKey, contact.ContactId, LateConnection: true, now));
                ResolvedKeys.Remember(connection, transaction, contact.ContactId, order.MatchKey);
                connection.Execute("DELETE FROM contacts_waiting_orders WHERE order_id = @OrderId", new { order.OrderId }, transaction);
                connected++;
            }
        }

        return (null, connected);
    }

    private static string Json(string matchKeyType) => Validation.JsonName(matchKeyType);
}
