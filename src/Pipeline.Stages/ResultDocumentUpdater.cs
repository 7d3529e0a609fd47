using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Site;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// Keeps each upload's result document (results/&lt;agency&gt;/&lt;file&gt;.json) telling the truth after validation:
/// validated, held (why), approved (by whom, when, how), rendered, scheduled (release time in the site's zone),
/// published (when, and the page's URL), superseded by vN, revised, withdrawn (by whom, why). Everything comes from
/// the ledger through the rule `status` uses (<see cref="ReportHistory"/>, <see cref="ReportStatusFormatter.Label"/>),
/// so a stage that fires twice writes the same document, and a stale stage cannot write an older one: the document is
/// read with its ETag before the ledger, and replaced only if it is still that one (else read and decided again), and
/// never over a document made from a later ledger row.
/// </summary>
public sealed class ResultDocumentUpdater(
    ReportBlobs reportBlobs,
    ReportLedger ledger,
    IOptions<SiteOptions> siteOptions,
    TimeProvider time,
    ILogger<ResultDocumentUpdater> logger)
{
    private const int Attempts = 5;

    /// <summary>
    /// Writes the document validation made for an accepted upload, then brings it (and the report's other uploads'
    /// documents) up to date. An upload seen again (a retried validation, the same bytes under the same name) keeps the
    /// document it has, which may already say more (published, withdrawn): it is refreshed, never replaced.
    /// </summary>
    public Task WriteAcceptedAsync(ValidationResultDocument document, CancellationToken ct) => WriteAcceptedAsync(document, null, ct);

    /// <inheritdoc cref="WriteAcceptedAsync(ValidationResultDocument, CancellationToken)"/>
    /// <param name="recorded">
    /// The report's latest ledger row as validation just stored it (with its ETag), or null. For an upload with no
    /// document yet, the document is then written once, already as the ledger says (one create-only PUT instead of
    /// read, write, read again and rewrite), and the ledger is asked once whether it moved on meanwhile — a stage that
    /// changed it in between may have found no document to update — in which case every document is refreshed.
    /// </param>
    /// <returns>
    /// The ETag of the document this call created, when nothing changed it afterwards (the ledger had not moved on and
    /// no earlier version needed its document refreshed); null otherwise. The next update may skip reading it
    /// (<see cref="ResultDocumentSnapshot"/>).
    /// </returns>
    public async Task<ETag?> WriteAcceptedAsync(ValidationResultDocument document, LedgerEntry? recorded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (recorded is { ETag: var recordedETag } && recordedETag != default && document.IndexCode is { } code
            && code == recorded.IndexCode && document.Version == recorded.Version)
        {
            var versions = recorded.Version > 1 ? await ledger.ListVersionsAsync(code, ct).ConfigureAwait(false) : [];
            if (Update(document, recorded, versions, recorded.Version, siteOptions.Value, time.GetUtcNow()) is { } current
                && await reportBlobs.AddResultAsync(document.Agency, document.FileName, current.ToJson(), ct).ConfigureAwait(false) is { } created)
            {
                var latest = await ledger.GetLatestAsync(code, ct).ConfigureAwait(false);
                // A new version also changes the earlier versions' documents ("superseded by vN").
                if (latest is not null && latest.ETag == recordedETag && recorded.Version == 1) return created;
                await RefreshAsync(code, ct).ConfigureAwait(false);
                return null;
            }
        }
        var stored = await reportBlobs.GetResultAsync(document.Agency, document.FileName, ct).ConfigureAwait(false);
        var existing = stored is { } read ? ValidationResultDocument.Parse(read.Json.Span) : null;
        var sameUpload = existing is not null && existing.IndexCode == document.IndexCode && existing.Version == document.Version
                         && existing.ContentHash == document.ContentHash && existing.Outcome != "Duplicate";
        if (!sameUpload)
            await reportBlobs.SetResultAsync(document.Agency, document.FileName, document.ToJson(), ct).ConfigureAwait(false);
        if (document.IndexCode is { } indexCode) await RefreshAsync(indexCode, ct).ConfigureAwait(false);
        return null;
    }

    /// <summary>Brings the result document of every upload that became a version of <paramref name="indexCode"/> up to date.</summary>
    public Task RefreshAsync(string indexCode, CancellationToken ct) => RefreshAsync(indexCode, null, null, ct);

    /// <inheritdoc cref="RefreshAsync(string, LedgerEntry?, ResultDocumentSnapshot?, CancellationToken)"/>
    public Task RefreshAsync(string indexCode, LedgerEntry? stored, CancellationToken ct) => RefreshAsync(indexCode, stored, null, ct);

    /// <inheritdoc cref="RefreshAsync(string, CancellationToken)"/>
    /// <param name="stored">
    /// The latest ledger row as the caller just stored it (with its ETag), or null. It stands in for the first reads of
    /// the ledger: it was the latest row when it was written, before the documents are read, so a document made from a
    /// later row is recognised by its time (<see cref="Update"/> declines it) and a later change's own refresh races
    /// this one on the document's ETag, as with a fresh read; a retry after a lost race reads the ledger again.
    /// </param>
    /// <param name="written">
    /// One upload's document as last written (with its ETag), or null: that document is not read first; the update is
    /// written on the condition that it is still that one, and read and decided again otherwise.
    /// </param>
    public async Task RefreshAsync(string indexCode, LedgerEntry? stored, ResultDocumentSnapshot? written, CancellationToken ct)
    {
        var known = stored is { ETag: var etag } && etag != default && stored.IndexCode == indexCode ? stored : null;
        var latest = known ?? await ledger.GetLatestAsync(indexCode, ct).ConfigureAwait(false);
        if (latest is null) return;
        var versions = latest.Version > 1 ? await ledger.ListVersionsAsync(indexCode, ct).ConfigureAwait(false) : [];
        // Each upload at the newest version it became (a name uploaded again holds the newer upload's document).
        var uploads = versions.Where(v => v.Version != latest.Version).Append(latest)
            .GroupBy(v => (v.Agency, v.FileName))
            .Select(g => g.MaxBy(v => v.Version)!)
            .ToList();
        foreach (var upload in uploads)
            await RefreshUploadAsync(indexCode, upload.Agency, upload.FileName, upload.Version, known, known is null ? null : versions,
                written is not null && written.IsOf(upload.Agency, upload.FileName, upload.Version) ? written : null, ct).ConfigureAwait(false);
    }

    private async Task RefreshUploadAsync(string indexCode, string agency, string fileName, int version, LedgerEntry? known, IReadOnlyList<LedgerEntry>? knownVersions,
        ResultDocumentSnapshot? written, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            ValidationResultDocument? document;
            (ReadOnlyMemory<byte> Json, ETag ETag) read;
            if (attempt == 0 && written is not null)
            {
                // As last written: the conditional write below finds out if it changed since.
                document = written.Document;
                read = (ReadOnlyMemory<byte>.Empty, written.ETag);
            }
            else
            {
                // The document first, then the ledger: whatever wrote the document after this read used a ledger at least as new.
                var stored = await reportBlobs.GetResultAsync(agency, fileName, ct).ConfigureAwait(false);
                if (stored is not { } found) return; // Validation writes the first document; nothing to update yet.
                read = found;
                document = ValidationResultDocument.Parse(read.Json.Span);
                if (document is null) return;
            }
            var latest = attempt == 0 && known is not null ? known : await ledger.GetLatestAsync(indexCode, ct).ConfigureAwait(false);
            if (latest is null) return;
            var versions = attempt == 0 && known is not null && knownVersions is not null ? knownVersions
                : latest.Version > 1 ? await ledger.ListVersionsAsync(indexCode, ct).ConfigureAwait(false) : [];
            var updated = Update(document, latest, versions, version, siteOptions.Value, time.GetUtcNow());
            if (updated is null)
            {
                if (attempt == 0 && written is not null) continue; // not the document to update after all: read it
                return;
            }
            var json = updated.ToJson();
            if (json.AsSpan().SequenceEqual(read.Json.Span)) return;
            if (await reportBlobs.UpdateResultAsync(agency, fileName, json, read.ETag, ct).ConfigureAwait(false)) return;
        }
        logger.LogWarning("Result document of {Agency}/{FileName} kept changing; left for the next step to update", agency, fileName);
    }

    /// <summary>
    /// The document of the upload that became <paramref name="version"/>, as the ledger now says; null when the
    /// document belongs to another upload or report, or was made from a later ledger row than <paramref name="latest"/>.
    /// </summary>
    public static ValidationResultDocument? Update(ValidationResultDocument document, LedgerEntry latest, IReadOnlyList<LedgerEntry> versions, int version, SiteOptions site, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(site);
        if (document.IndexCode != latest.IndexCode || document.Version != version || version > latest.Version) return null;
        if (document.UpdatedAt > latest.UpdatedAt) return null;
        var calendar = SiteCalendar.For(site);
        DateTimeOffset InZone(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, calendar.Zone);
        DateTimeOffset? InZoneOrNull(DateTimeOffset? at) => at is { } value ? InZone(value) : null;

        var row = version == latest.Version ? latest : versions.FirstOrDefault(v => v.Version == version) ?? latest;
        var current = version == latest.Version;
        var shownByTheSite = latest.PublishedVersion == version && latest.State != ReportState.Withdrawn;
        var outcome = current ? latest.Status : shownByTheSite ? nameof(ReportState.Published) : ValidationResultDocument.SupersededOutcome;
        // A release time means something once the version is rendered (the rule `status` follows).
        var releaseAt = row.ReleaseAt is { } release && row.State is not (ReportState.Received or ReportState.Validated or ReportState.Held or ReportState.Rejected)
            ? InZone(release) : (DateTimeOffset?)null;
        var publishedAt = shownByTheSite ? latest.PublishedAt : row.PublishedVersion == row.Version ? row.PublishedAt : null;
        var pageUrl = latest.FirstPublishedAt is null ? null
            : new Uri(new Uri(site.BaseUrl.EndsWith('/') ? site.BaseUrl : site.BaseUrl + "/"), SiteUrls.Report(Slug.FromIndexCode(latest.IndexCode)).TrimStart('/')).ToString();
        var history = ReportHistory.Of(versions, latest)
            .Where(e => e.Version <= version)
            .Select(e => new ResultHistoryStep(InZone(e.At), e.Version, e.Step, e.By, e.Detail))
            .ToList();
        return document with
        {
            Outcome = outcome,
            Status = ReportStatusFormatter.Label(latest, now, current ? null : version),
            Publishable = current ? latest.Publishable : row.Publishable,
            ReleaseAt = releaseAt,
            TimeZone = site.TimeZone,
            PublishedAt = InZoneOrNull(publishedAt),
            PageUrl = pageUrl,
            History = history,
            UpdatedAt = latest.UpdatedAt,
        };
    }
}
