using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Core;
using Pipeline.Site;
using Pipeline.Site.Reports;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// Render stage, one message per (index code, version): renders the report page into the private staging
/// container with what publishing needs beside it (<see cref="StagedReport"/>: list entry, search text), records Rendered with its release time and, for publishable reports only, adds a due-index row.
/// Idempotent: a repeated or stale message changes nothing.
/// </summary>
public sealed class RenderStage(
    ReportBlobs reportBlobs,
    ReportLedger ledger,
    AgencyRegistry registry,
    DueIndex due,
    IOptions<SiteOptions> siteOptions,
    TimeProvider time,
    ResultDocumentUpdater resultDocuments,
    ILogger<RenderStage> logger)
{
    public async Task RunAsync(RenderRequest request, CancellationToken ct)
    {
        using var reportScope = logger.BeginScope("IndexCode {IndexCode}", request.IndexCode);
        var entry = await ledger.GetLatestAsync(request.IndexCode, ct).ConfigureAwait(false);
        if (entry is null)
        {
            logger.LogWarning("Render {IndexCode} v{Version}: no such report", request.IndexCode, request.Version);
            return;
        }
        using var agencyScope = logger.BeginScope("Agency {Agency}", entry.Agency);
        if (entry.Version != request.Version || entry.State is not (ReportState.Validated or ReportState.Rendered))
        {
            // A newer version has its own message, or the report is held, withdrawn, failed or already published.
            logger.LogInformation("Render {IndexCode} v{Version}: skipped (latest v{Latest} is {State})", request.IndexCode, request.Version, entry.Version, entry.State);
            return;
        }

        var analysis = await reportBlobs.GetParsedAsync(entry.ParsedBlob, ct).ConfigureAwait(false);

        var site = siteOptions.Value;
        var agency = await registry.GetRecentAsync(entry.Agency, ct).ConfigureAwait(false);
        // The release time first: the page shows its day as 发布日期 (PageModelFactory reads it from the entry).
        var (releaseAt, source) = ReleaseTime(analysis, entry, site);
        entry.ReleaseAt = releaseAt;
        IReadOnlyList<LedgerEntry> versions = entry.Version > 1 ? await ledger.ListVersionsAsync(entry.IndexCode, ct).ConfigureAwait(false) : [];
        var model = PageModelFactory.Build(analysis, entry, site, agency?.PublisherName, versions);
        var html = ReportPageRenderer.RenderUtf8(model, site);
        var stagingBlob = ReportBlobs.StagingName(entry.IndexCode, entry.Version);
        // The result document validation created, when it said so in the request: its fixed part rebuilt from the
        // parsed report as validation built it (processed when the version was received), so the next update of it
        // needs no read. Staged for the publish run when that run writes the next state; else used below.
        var written = request.ResultETag is { Length: > 0 } resultETag
            ? new ResultDocumentSnapshot(ValidationResultDocument.From(entry.Agency, entry.FileName, nameof(ReportState.Validated), analysis, entry.IndexCode, entry.Version,
                entry.Publishable, entry.ReceivedAt), new Azure.ETag(resultETag))
            : null;
        var leftToPublish = entry.Publishable && releaseAt <= time.GetUtcNow();
        var staged = StagedReport.From(model) with { ResultDocument = leftToPublish && written is not null ? StagedResultDocument.Of(written) : null };
        // The list entry and search text from the same model, with the page, so publishing needs nothing else. Before
        // the ledger names the staging blob: publish takes up only what the ledger says was rendered.
        await reportBlobs.SetStagedAsync(stagingBlob, html, staged.ToJson(), ct).ConfigureAwait(false);

        var updated = await ledger.UpdateAsync(request.IndexCode, e =>
        {
            if (e.Version != request.Version || e.State is not (ReportState.Validated or ReportState.Rendered)) return false;
            e.State = ReportState.Rendered;
            e.StagingBlob = stagingBlob;
            e.ReleaseAt = releaseAt;
            e.ReleaseAtSource = source;
            e.RenderedAt ??= time.GetUtcNow();
            return true;
        }, entry, ct).ConfigureAwait(false);
        if (updated is not { State: ReportState.Rendered } || updated.Version != request.Version) return;

        if (updated.Publishable)
            await due.UpsertAsync(updated.IndexCode, releaseAt, ct).ConfigureAwait(false);
        else if (!updated.PubliclyScoped && updated.FirstPublishedAt is not null)
            // A new version says the report is no longer for public release: the next run takes the old one down.
            await due.UpsertAsync(updated.IndexCode, time.GetUtcNow(), ct).ConfigureAwait(false);
        // The agency's result document says what changed for them: scheduled (a release time to come), or private for
        // good. A report due now is left to the publish run that takes it up next and writes "published" (a due row
        // guarantees that run; a report publishing fails is parked and its document refreshed there): writing
        // "rendered, release now" in between cost a read and a write per report for a state that lasts until that run.
        if (!updated.Publishable || releaseAt > time.GetUtcNow())
            await resultDocuments.RefreshAsync(updated.IndexCode, updated, written, ct).ConfigureAwait(false);
        logger.LogInformation("Rendered {IndexCode} v{Version}; release {ReleaseAt:O} ({Source}){Publishable}", updated.IndexCode, updated.Version, releaseAt, source,
            updated.Publishable ? "" : " — not publishable, stays private");
    }

    /// <summary>Gives up on a message that failed too often: the report is marked Failed with the reason.</summary>
    public async Task RecordPoisonAsync(RenderRequest request, string reason, CancellationToken ct)
    {
        using var reportScope = logger.BeginScope("IndexCode {IndexCode}", request.IndexCode);
        var updated = await ledger.UpdateAsync(request.IndexCode, e =>
        {
            if (e.Version != request.Version || e.State is not (ReportState.Validated or ReportState.Rendered)) return false;
            e.State = ReportState.Failed;
            e.Reason = "rendering failed: " + reason;
            return true;
        }, ct).ConfigureAwait(false);
        using var agencyScope = updated is null ? null : logger.BeginScope("Agency {Agency}", updated.Agency);
        if (updated is not null) await resultDocuments.RefreshAsync(request.IndexCode, ct).ConfigureAwait(false);
        logger.LogError("Render {IndexCode} v{Version} given up: {Reason}", request.IndexCode, request.Version, reason);
    }

    /// <summary>
    /// When the page goes public, the one instant its 发布日期 is the day of: the document's release date at 00:00 in
    /// the site's time zone, else the time requested at upload, else now (= the next publish run). A stated or
    /// requested time already past is not honoured (the site cannot publish in the past): the report goes public now,
    /// and that is its 发布日期. A repeated render of the same version keeps the moment the first one fixed, once past.
    /// </summary>
    private (DateTimeOffset At, string Source) ReleaseTime(ReportAnalysis analysis, LedgerEntry entry, SiteOptions site)
    {
        var now = time.GetUtcNow();
        if (entry.State == ReportState.Rendered && entry.ReleaseAt is { } fixedAt && fixedAt <= now && entry.ReleaseAtSource is { } fixedSource)
            return (fixedAt, fixedSource);
        if (analysis.Metadata.ReleaseDate.Value is { } date)
        {
            var stated = SiteCalendar.For(site).StartOfDay(date);
            return stated > now ? (stated, "document") : (now, "now (document date passed)");
        }
        if (entry.RequestedReleaseAt is { } requested)
            return requested > now ? (requested, "upload") : (now, "now (requested time passed)");
        return (now, "now");
    }
}
