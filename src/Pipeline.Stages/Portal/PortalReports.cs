using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Pipeline.Core.Model;
using Pipeline.Site;
using Pipeline.Storage;

namespace Pipeline.Stages.Portal;

/// <summary>
/// The portal's read side, always for one agency the caller holds: the verdict of one upload (from the uploads table,
/// the result document and the ledger) and the agency's reports (the ledger). Nothing here writes.
/// </summary>
public sealed class PortalReports(
    BlobServiceClient blobs,
    ReportLedger ledger,
    UploadReceipts uploads,
    IOptions<SiteOptions> siteOptions,
    TimeProvider time)
{
    private SiteOptions Site => siteOptions.Value;

    /// <summary>Null when the agency has no upload of that name (another agency's looks the same).</summary>
    public async Task<UploadVerdict?> VerdictAsync(string agency, string fileName, CancellationToken ct)
    {
        if (DerivedNames.IsUnsafeBlobName(fileName) || fileName.Contains('/')) return null;
        var zone = SiteCalendar.For(Site).Zone;
        var now = time.GetUtcNow();
        var waiting = await blobs.GetBlobContainerClient(StorageNames.IncomingContainer).GetBlobClient($"{agency}/{fileName}").ExistsAsync(ct).ConfigureAwait(false);
        var upload = await uploads.GetFileAsync(agency, fileName, ct).ConfigureAwait(false);
        if (waiting.Value)
            return new UploadVerdict(fileName, PortalLabels.Waiting, null, null, null, null, null, null, false, null, null, [], [], [], 0, false);
        if (upload is null || upload.Agency != agency) return null;

        var result = await ReadResultAsync(agency, fileName, ct).ConfigureAwait(false);
        var errors = Findings(result?["errors"]);
        var warnings = Findings(result?["warnings"]);
        var metadata = Metadata(result?["metadata"]);
        var personal = (result?["personalData"] as JsonArray)?.Count ?? 0;
        if (upload.Outcome == "Rejected" || upload.IndexCode is null)
            return new UploadVerdict(fileName, PortalLabels.Rejected, null, null, null, null, null, null, false, upload.Reason, null, errors, warnings, metadata, personal, true);

        var latest = await ledger.GetLatestAsync(upload.IndexCode, ct).ConfigureAwait(false);
        if (latest is null || latest.Agency != agency) return null;
        var state = upload.Outcome == "Duplicate" ? PortalLabels.Duplicate
            : upload.Version is { } v && v < latest.Version ? PortalLabels.Superseded(latest.Version)
            : PortalLabels.Of(latest, now, zone);
        var (releaseZh, releaseEn) = PortalLabels.Source(latest.ReleaseAtSource);
        if (latest.ReleaseAt is { } releaseAt)
            metadata = [.. metadata, new PortalMetadataField("releaseAt", "发布时间", PortalLabels.Time(releaseAt, zone), latest.ReleaseAtSource ?? "none", releaseZh, releaseEn)];
        return new UploadVerdict(fileName, state, latest.IndexCode, upload.Version, latest.Title, latest.ReleaseAt, latest.PublishedAt,
            PublicUrl(latest), CanPreview(latest), latest.Reason, latest.ChangeNote, errors, warnings, metadata, personal, PortalLabels.IsFinal(state.Key));
    }

    /// <summary>The agency's reports, newest first, filtered by year (of 生成日期, else of receipt) and state key.</summary>
    public async Task<IReadOnlyList<ReportSummary>> ListAsync(string agency, int? year, string? state, CancellationToken ct)
    {
        var zone = SiteCalendar.For(Site).Zone;
        var now = time.GetUtcNow();
        var list = new List<ReportSummary>();
        // The ledger has no agency index: this reads every latest row (fine for hundreds of reports; see README).
        await foreach (var entry in ledger.ListLatestAsync(ct).ConfigureAwait(false))
        {
            if (entry.Agency != agency) continue;
            var reportYear = YearOf(entry, zone);
            var reportState = PortalLabels.Of(entry, now, zone);
            if (year is { } y && reportYear != y) continue;
            if (!string.IsNullOrEmpty(state) && reportState.Key != state) continue;
            var versions = (await ledger.ListVersionsAsync(entry.IndexCode, ct).ConfigureAwait(false))
                .OrderByDescending(h => h.Version)
                .Select(h => new ReportVersionSummary(h.Version, h.Status, h.FileName, h.ChangeNote, h.ReceivedAt))
                .ToList();
            list.Add(new ReportSummary(entry.IndexCode, entry.Title, reportYear, reportState, entry.Version, entry.FileName, entry.ReleaseAt, entry.PublishedAt,
                PublicUrl(entry), entry.WithdrawnAt, entry.State == ReportState.Withdrawn ? entry.Reason : null, CanPreview(entry), versions));
        }
        return list.OrderByDescending(r => r.Versions.FirstOrDefault()?.ReceivedAt).ThenBy(r => r.IndexCode, StringComparer.Ordinal).ToList();
    }

    internal static bool CanPreview(LedgerEntry entry) =>
        entry.StagingBlob is { Length: > 0 } && entry.State is ReportState.Rendered or ReportState.Published;

    /// <summary>The public page once the report has been on the site (after a withdrawal it shows the notice).</summary>
    private string? PublicUrl(LedgerEntry entry) =>
        entry.FirstPublishedAt is null && entry.PublishedVersion is null ? null
            : new Uri(new Uri(Site.BaseUrl), SiteUrls.Report(Slug.FromIndexCode(entry.IndexCode))).ToString();

    private static int YearOf(LedgerEntry entry, TimeZoneInfo zone) =>
        entry.GeneratedDate is { Length: >= 4 } generated && int.TryParse(generated[..4], out var y) ? y
            : TimeZoneInfo.ConvertTime(entry.ReceivedAt, zone).Year;

    private async Task<JsonNode?> ReadResultAsync(string agency, string fileName, CancellationToken ct)
    {
        try
        {
            var content = await blobs.GetBlobContainerClient(StorageNames.ResultsContainer).GetBlobClient(ReportBlobs.ResultName(agency, fileName))
                .DownloadContentAsync(ct).ConfigureAwait(false);
            return JsonNode.Parse(content.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static List<PortalFinding> Findings(JsonNode? node) =>
        (node as JsonArray ?? []).OfType<JsonObject>()
            .Select(f => new PortalFinding(Text(f["code"]) ?? "", Text(f["messageZh"]) ?? "", Text(f["messageEn"]) ?? "", Text(f["location"])))
            .ToList();

    private static readonly (string Field, string Label)[] MetadataFields =
        [("indexCode", "索引号"), ("publisher", "发布机构"), ("generatedDate", "生成日期"), ("publicScope", "公开范围"), ("releaseDate", "发布日期"), ("title", "标题")];

    private static List<PortalMetadataField> Metadata(JsonNode? node)
    {
        var list = new List<PortalMetadataField>();
        if (node is not JsonObject metadata) return list;
        foreach (var (field, label) in MetadataFields)
        {
            var value = metadata[field] as JsonObject;
            var source = Enum.TryParse<MetadataSource>(Text(value?["source"]), ignoreCase: true, out var s) ? s : MetadataSource.None;
            var (zh, en) = PortalLabels.Source(source);
            list.Add(new PortalMetadataField(field, label, source == MetadataSource.None ? null : Text(value?["value"]), source.ToString().ToLowerInvariant(), zh, en));
        }
        return list;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
}
