using System.Text.Json;
using Pipeline.Site.Catalog;
using Pipeline.Site.Reports;
using Pipeline.Site.Search;

namespace Pipeline.Stages;

/// <summary>
/// What the render stage stages beside a report's page (<c>staging/&lt;code&gt;/v000N.json</c> beside
/// <c>v000N.html</c>), so the publish stage reads what render built instead of deriving it again from <c>parsed/</c>:
/// the list entry as the page shows it (its publish sequence and time are assigned when it is published), the text
/// search indexes, and the original the page offers for download (null when it offers none).
/// </summary>
public sealed record StagedReport(SiteEntry Entry, string SearchText, OriginalFile? Original)
{
    /// <summary>The staged report of a page model: the same model the page was rendered from.</summary>
    public static StagedReport From(ReportPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new StagedReport(SiteEntry.From(model.Metadata, sequence: 0, publishedAt: default), ReportSearchText.Of(model), model.Metadata.Original);
    }

    /// <summary>The staging blob of the report staged beside the page <paramref name="pageBlob"/> (…/v000N.html → …/v000N.json).</summary>
    public static string BlobNameFor(string pageBlob)
    {
        ArgumentException.ThrowIfNullOrEmpty(pageBlob);
        return Path.ChangeExtension(pageBlob, ".json");
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, StagedReportJsonContext.Default.StagedReport);

    /// <summary>Reads a staged report; throws <see cref="JsonException"/> (or <see cref="InvalidDataException"/> when empty) for bad data.</summary>
    public static StagedReport FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, StagedReportJsonContext.Default.StagedReport) ?? throw new InvalidDataException("The staged report is empty.");
}
