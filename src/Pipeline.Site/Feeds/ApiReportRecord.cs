using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Site.Feeds;

/// <summary>One record of the public JSON index (/api/reports/n.json).</summary>
public sealed record ApiReportRecord(
    string IndexCode,
    string Title,
    string Publisher,
    DateOnly? GeneratedDate,
    string? PublicScope,
    DateOnly? ReleaseDate,
    DateOnly? Revised,
    int Version,
    long Sequence,
    DateTimeOffset PublishedAt,
    string Url)
{
    /// <summary>The report's template tables as JSON (statistics.json beside the page; statistics.csv beside it too), when it has them.</summary>
    public string? Statistics { get; init; }
}
