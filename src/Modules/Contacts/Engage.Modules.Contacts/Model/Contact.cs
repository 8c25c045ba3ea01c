using System.Text.Json.Serialization;

namespace Engage.Modules.Contacts.Model;

/// <summary>A contact as the API returns it. Every field is always present (null when not set).</summary>
internal sealed record Contact(
    string ContactId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? MobilePhone,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? MemberNumber,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ExternalId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? SocialSecurityNumber,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FirstName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? LastName,
    string CreatedAt)
{
    /// <summary>The identifier values this contact holds, as stored (normalised).</summary>
    public IEnumerable<(string MatchKeyType, string Value)> Identifiers()
    {
        yield return (MatchKeyTypes.ContactId, ContactId);
        if (Email is not null)
        {
            yield return (MatchKeyTypes.Email, MatchKeys.Normalize(MatchKeyTypes.Email, Email)!);
        }

        if (MobilePhone is not null)
        {
            yield return (MatchKeyTypes.MobilePhone, MobilePhone);
        }

        if (MemberNumber is not null)
        {
            yield return (MatchKeyTypes.MemberNumber, MemberNumber);
        }

        if (ExternalId is not null)
        {
            yield return (MatchKeyTypes.ExternalId, ExternalId);
        }

        if (SocialSecurityNumber is not null)
        {
            yield return (MatchKeyTypes.SocialSecurityNumber, SocialSecurityNumber);
        }
    }
}

/// <summary>The columns a contact is read from (Dapper maps by these names).</summary>
internal static class ContactColumns
{
    public const string Select = """
        SELECT contact_id AS ContactId, email AS Email, mobile_phone AS MobilePhone, member_number AS MemberNumber,
               external_id AS ExternalId, social_security_number AS SocialSecurityNumber,
               first_name AS FirstName, last_name AS LastName, created_at AS CreatedAt
        FROM contacts_contacts
        """;
}
