using Dapper;
using Engage.BuildingBlocks.Database;
using Engage.BuildingBlocks.Http;
using Engage.Modules.Contacts.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Contacts.FindContact;

/// <summary>Looks a contact up by match key, compared the way orders are connected (email case-insensitive, mobile in E.164).</summary>
internal static class FindContactEndpoint
{
    public static void MapFindContact(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v3/contacts", Handle)
            .WithName("FindContact")
            .WithSummary("Find a contact by match key")
            .WithDescription($"matchKeyType is one of {string.Join(", ", MatchKeyTypes.All)} (case-insensitive).")
            .Produces<Contact>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static IResult Handle(string? matchKeyType, string? matchKey, Db db)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var type = MatchKeyTypes.Canonical(matchKeyType);
        if (type is null)
        {
            errors["matchKeyType"] = [$"'matchKeyType' is required and must be one of {string.Join(", ", MatchKeyTypes.All)}."];
        }

        if (string.IsNullOrEmpty(matchKey))
        {
            errors["matchKey"] = ["'matchKey' is required."];
        }

        if (errors.Count > 0)
        {
            return new Problem(StatusCodes.Status400BadRequest, "One or more validation errors occurred.",
                "The query parameters break the rules listed under 'errors'.", errors);
        }

        // An unencoded '+' in a query string arrives as a space: "?matchKey=+46701234567".
        if (type == MatchKeyTypes.MobilePhone && matchKey!.Length > 1 && matchKey[0] == ' ' && char.IsAsciiDigit(matchKey[1]))
        {
            matchKey = "+" + matchKey[1..];
        }

        var key = MatchKeys.Normalize(type!, matchKey!);
        using var connection = db.Open();
        var contact = key is null
            ? null
            : connection.QuerySingleOrDefault<Contact>($"{ContactColumns.Select} WHERE {MatchKeyTypes.Column(type!)} = @key", new { key });
        return contact is null
            ? Problem.NotFound($"There is no contact with {Validation.JsonName(type!)} '{matchKey}'.")
            : Results.Json(contact, ContactsJsonContext.Api.Contact);
    }
}
