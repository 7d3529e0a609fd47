using System.Text.Json;
using Pipeline.Core.Statistics;
using Pipeline.Site.Catalog;
using Pipeline.Site.Reports;
using Pipeline.Site.Search;

namespace Pipeline.Stages;

/// <summary>
/// What the render stage stages beside a report's page (<c>staging/&lt;code&gt;/v000N.json</c> beside
/// <c>v000N.html</c>), so the publish stage reads what render built instead of deriving it again from <c>parsed/</c>:
/// the list entry as the page shows it (its publish sequence and time are assigned when it is published), the text
/// search indexes, the original the page offers for download (null when it offers none), and the template's statistics
/// tables (null when the report has none), which publishing turns into the open-data files and the statistics pages,
/// and the upload's result document as validation wrote it, when render knows it (<see cref="StagedResultDocument"/>).
/// </summary>
public sealed record StagedReport(SiteEntry Entry, string SearchText, OriginalFile? Original, ReportStatistics? Statistics = null,
    StagedResultDocument? ResultDocument = null)
{
    /// <summary>The staged report of a page model: the same model the page was rendered from.</summary>
    public static StagedReport From(ReportPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new StagedReport(SiteEntry.From(model.Metadata, sequence: 0, publishedAt: default), ReportSearchText.Of(model), model.Metadata.Original, model.Document.Statistics);
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, StagedReportJsonContext.Default.StagedReport);

    /// <summary>Reads a staged report; throws <see cref="JsonException"/> (or <see cref="InvalidDataException"/> when empty) for bad data.</summary>
    public static StagedReport FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, StagedReportJsonContext.Default.StagedReport) ?? throw new InvalidDataException("The staged report is empty.");
}

/// <summary>
/// The upload's result document as validation created it (its JSON) and that write's ETag: the publish run writes
/// "published" over it on that condition without reading it first (<see cref="ResultDocumentSnapshot"/>).
/// </summary>
public sealed record StagedResultDocument(string ETag, byte[] Json)
{
    public static StagedResultDocument Of(ResultDocumentSnapshot written)
    {
        ArgumentNullException.ThrowIfNull(written);
        return new StagedResultDocument(written.ETag.ToString(), written.Document.ToJson());
    }

    /// <summary>The snapshot it stands for; null when the JSON is not a result document.</summary>
    public ResultDocumentSnapshot? ToSnapshot() =>
        ValidationResultDocument.Parse(Json) is { } document ? new ResultDocumentSnapshot(document, new Azure.ETag(ETag)) : null;
}
