using Engage.BuildingBlocks.Codes;

namespace Engage.Modules.Catalog.Model;

/// <summary>The value rules of articles and stores.</summary>
internal static class Rules
{
    public static bool IsKey(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 100 && !value.Any(char.IsControl);

    public const string KeyMessage = "'{PropertyName}' must be 1–100 characters, not blank, without control characters.";

    public static bool IsHttpUri(string? value) =>
        value is null
        || (value.Length <= 2000 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    public const string UriMessage = "'{PropertyName}' must be an absolute http or https URI of at most 2000 characters.";

    public static bool IsCountryCode(string? value) => value is null || IsoCodes.IsCountry(value);

    public const string CountryMessage = "'{PropertyName}' must be an ISO 3166-1 alpha-2 country code, e.g. SE.";
}
