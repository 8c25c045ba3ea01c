using System.Text;
using System.Text.RegularExpressions;

namespace Engage.Modules.Contacts.Model;

/// <summary>The six match-key types, their canonical spelling and the column each is looked up in.</summary>
internal static class MatchKeyTypes
{
    public const string Email = "Email";
    public const string MobilePhone = "MobilePhone";
    public const string MemberNumber = "MemberNumber";
    public const string ExternalId = "ExternalId";
    public const string SocialSecurityNumber = "SocialSecurityNumber";
    public const string ContactId = "ContactId";

    public static readonly string[] All = [Email, MobilePhone, MemberNumber, ExternalId, SocialSecurityNumber, ContactId];

    public static string? Canonical(string? value) =>
        value is null ? null : All.FirstOrDefault(name => string.Equals(name, value, StringComparison.OrdinalIgnoreCase));

    /// <summary>The column of <c>contacts_contacts</c> that holds the normalised key of this type.</summary>
    public static string Column(string canonicalType) => canonicalType switch
    {
        Email => "email_key",
        MobilePhone => "mobile_phone",
        MemberNumber => "member_number",
        ExternalId => "external_id",
        SocialSecurityNumber => "social_security_number",
        ContactId => "contact_id",
        _ => throw new ArgumentOutOfRangeException(nameof(canonicalType), canonicalType, "Not a match-key type."),
    };
}

/// <summary>
/// How identifiers are compared: email trimmed and case-insensitive, mobile numbers in E.164,
/// contact ids as lower-case GUIDs, everything else exactly as given.
/// </summary>
internal static partial class MatchKeys
{
    /// <summary>The lookup form of <paramref name="key"/>, or null when no contact can have it.</summary>
    public static string? Normalize(string canonicalType, string key) => canonicalType switch
    {
        MatchKeyTypes.Email => key.Trim().ToLowerInvariant(),
        MatchKeyTypes.MobilePhone => ToE164(key),
        MatchKeyTypes.ContactId => Guid.TryParse(key, out var id) ? id.ToString("D") : null,
        _ => key,
    };

    /// <summary>
    /// <c>+46 (0)70-123 45 67</c> style input → <c>+46701234567</c>: spaces, dashes and parentheses
    /// are removed; what is left must be <c>+</c> and 8–15 digits. Null otherwise.
    /// </summary>
    public static string? ToE164(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var cleaned = new StringBuilder(value.Length);
        foreach (var character in value.Trim())
        {
            if (character is not (' ' or '-' or '(' or ')'))
            {
                cleaned.Append(character);
            }
        }

        var text = cleaned.ToString();
        return E164().IsMatch(text) ? text : null;
    }

    public static bool IsEmail(string value) => value.Length <= 256 && EmailPattern().IsMatch(value);

    [GeneratedRegex(@"^\+[0-9]{8,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    [GeneratedRegex(@"^[^@\s""<>(),;:\\\[\]]+@[^@\s""<>(),;:\\\[\]]+\.[^@\s""<>(),;:\\\[\]]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
