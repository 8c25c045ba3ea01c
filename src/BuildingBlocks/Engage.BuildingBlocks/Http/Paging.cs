using System.Text;

namespace Engage.BuildingBlocks.Http;

/// <summary>A hypermedia link, as Engage writes them: <c>{ rel, href, method }</c>.</summary>
public sealed record Link(string Rel, string Href, string Method);

/// <summary>Offset/count paging shared by every list endpoint.</summary>
public static class Paging
{
    public const int DefaultCount = 10;
    public const int MaxCount = 100;

    /// <summary>Validates <c>offset</c> and <c>count</c> query values; adds errors by parameter name.</summary>
    public static (int Offset, int Count) Read(string? offset, string? count, Dictionary<string, List<string>> errors)
    {
        var parsedOffset = 0;
        var parsedCount = DefaultCount;
        if (offset is not null && (!int.TryParse(offset, System.Globalization.NumberStyles.None, null, out parsedOffset) || parsedOffset < 0))
        {
            errors["offset"] = ["'offset' must be a whole number of 0 or more."];
        }

        if (count is not null && (!int.TryParse(count, System.Globalization.NumberStyles.None, null, out parsedCount) || parsedCount is < 1 or > MaxCount))
        {
            errors["count"] = [$"'count' must be a whole number from 1 to {MaxCount}."];
        }

        return (parsedOffset, parsedCount);
    }

    /// <summary><c>next</c> when there is a next page, <c>previous</c> when offset &gt; 0.</summary>
    public static List<Link> Links(string path, IEnumerable<KeyValuePair<string, string?>> filters, int offset, int count, long totalCount)
    {
        var links = new List<Link>(2);
        var query = new StringBuilder();
        foreach (var (name, value) in filters)
        {
            if (value is not null)
            {
                query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
            }
        }

        var prefix = path + "?" + query;
        if (offset + count < totalCount)
        {
            links.Add(new Link("next", $"{prefix}offset={offset + count}&count={count}", "GET"));
        }

        if (offset > 0)
        {
            links.Add(new Link("previous", $"{prefix}offset={Math.Max(0, offset - count)}&count={count}", "GET"));
        }

        return links;
    }
}
