using System.Globalization;
using System.Text.RegularExpressions;

namespace Engage.Modules.Orders.Model;

/// <summary>The value rules of the contract, shared by every validator of the module.</summary>
internal static partial class Rules
{
    private static readonly decimal MoneyLimit = 1_000_000_000_000m;

    /// <summary>An orderId: 1–100 chars, not blank, no <c>/ ? # %</c> and no control characters.</summary>
    public static bool IsOrderId(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && value.Length <= 100
        && value.AsSpan().IndexOfAny("/?#%") < 0
        && !value.Any(char.IsControl);

    public const string OrderIdMessage = "'{PropertyName}' must be 1–100 characters, not blank, without '/', '?', '#', '%' or control characters.";

    /// <summary>Money: at most 4 decimals, absolute value below 10^12.</summary>
    public static bool IsMoney(decimal? value) =>
        value is not { } amount || (Math.Abs(amount) < MoneyLimit && decimal.Round(amount, 4) == amount);

    public const string MoneyMessage = "'{PropertyName}' must have at most 4 decimals and an absolute value below 10^12.";

    /// <summary>ISO 8601 date and time with an explicit offset (or Z).</summary>
    public static bool IsDateTimeWithOffset(string? value) => value is null || TryParseDateTime(value, out _);

    public const string DateTimeMessage = "'{PropertyName}' must be an ISO 8601 date and time with an offset, e.g. 2025-12-03T15:15:19+01:00.";

    public static bool TryParseDateTime(string value, out DateTimeOffset parsed)
    {
        parsed = default;
        return DateTimePattern().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed);
    }

    /// <summary>The canonical text of a time: round-trip format with the client's offset kept.</summary>
    public static string? NormalizeDateTime(string? value)
    {
        if (value is null || !TryParseDateTime(value, out var parsed))
        {
            return value;
        }

        return Format(parsed);
    }

    public static string Format(DateTimeOffset value) =>
        value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static bool IsHttpUri(string? value) =>
        value is null
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && value.Length <= 2000);

    public const string UriMessage = "'{PropertyName}' must be an absolute http or https URI of at most 2000 characters.";

    public static bool IsEmail(string? value) =>
        value is null || (value.Length <= 256 && EmailPattern().IsMatch(value));

    public static bool IsGuid(string? value) => value is not null && Guid.TryParse(value, out _);

    public static bool IsLanguageTag(string? value) => value is null || (value.Length <= 35 && LanguagePattern().IsMatch(value));

    public static bool IsNotBlank(string? value) => value is null || !string.IsNullOrWhiteSpace(value);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[^@\s""<>(),;:\\\[\]]+@[^@\s""<>(),;:\\\[\]]+\.[^@\s""<>(),;:\\\[\]]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
