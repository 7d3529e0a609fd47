using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Core;
using Pipeline.Site;
using Pipeline.Storage;

namespace Pipeline.Stages;

public enum PrivacyDecision
{
    /// <summary>Publish with personal data masked (e.g. 185****6331).</summary>
    PublishMasked,
    /// <summary>Publish the text as uploaded (the operator checked the data may be public, e.g. an office number).</summary>
    PublishAsIs,
}

public sealed record ReportVersionStatus(int Version, string State, string FileName, string ContentHash, DateTimeOffset UpdatedAt);

/// <summary>Where a report is: what `pipeline status &lt;index code&gt;` prints.</summary>
public sealed record ReportStatus(
    string IndexCode,
    ReportState State,
    int Version,
    string Agency,
    string FileName,
    string? Title,
    string? Publisher,
    bool Publishable,
    DateTimeOffset? ReleaseAt,
    DateTimeOffset? PublishedAt,
    int? PublishedVersion,
    string? Reason,
    string? VerdictSummary,
    IReadOnlyList<ReportVersionStatus> History,
    Pipeline.Core.Timeliness.TimelinessAssessment? Timeliness = null,
    IReadOnlyList<ReportHistoryEvent>? Events = null)
{
    internal static ReportStatus From(LedgerEntry e, IReadOnlyList<LedgerEntry> history, Pipeline.Core.Timeliness.TimelinessAssessment? timeliness = null) => new(
        e.IndexCode, e.State, e.Version, e.Agency, e.FileName, e.Title, e.Publisher, e.Publishable, e.ReleaseAt,
        // Published only while the site shows a version: a held, failed or withdrawn report has no "published at" now.
        e.PublishedVersion is not null && e.State is not (ReportState.Withdrawn) ? e.PublishedAt : null,
        e.PublishedVersion, e.Reason, e.VerdictSummary,
        history.Select(h => new ReportVersionStatus(h.Version, h.Status, h.FileName, h.ContentHash, h.UpdatedAt)).ToList(),
        timeliness,
        ReportHistory.Of(history, e));
}

/// <summary>What happened to one uploaded file: what `pipeline status --agency a --file f` prints.</summary>
/// <param name="Outcome">"Waiting" (still in incoming/), "Accepted", "Duplicate" or "Rejected".</param>
public sealed record UploadStatus(string Agency, string FileName, string Outcome, string? IndexCode, int? Version, string? Reason, string? ResultBlob, DateTimeOffset? ProcessedAt, ReportStatus? Report, string? QuarantineBlob = null);

public sealed record WithdrawOutcome(bool Found, ReportState? PreviousState, string Message);

public sealed record ApprovalOutcome(bool Found, bool Approved, string Message);

/// <summary>Operator actions and queries (CLI and any admin endpoint).</summary>
public sealed class ReportAdmin(
    ReportBlobs reportBlobs,
    QueueServiceClient queues,
    ReportLedger ledger,
    UploadReceipts uploads,
    DueIndex due,
    AgencyRegistry registry,
    IOptions<PipelineOptions> pipelineOptions,
    IOptions<SiteOptions> siteOptions,
    TimeProvider time,
    ResultDocumentUpdater resultDocuments,
    ILogger<ReportAdmin> logger)
{
    public async Task<ReportStatus?> GetByIndexCodeAsync(string indexCode, CancellationToken ct)
    {
        var latest = await ledger.GetLatestAsync(indexCode, ct).ConfigureAwait(false);
        if (latest is null) return null;
        var history = await ledger.ListVersionsAsync(indexCode, ct).ConfigureAwait(false);
        return ReportStatus.From(latest, history, await AssessTimelinessAsync(latest, ct).ConfigureAwait(false));
    }

    /// <summary>The report's timeliness with the best 发布日期 known now (<see cref="LedgerTimeliness"/>), the registry giving the agency's kind.</summary>
    public async Task<Pipeline.Core.Timeliness.TimelinessAssessment> AssessTimelinessAsync(LedgerEntry entry, CancellationToken ct)
    {
        var agency = await registry.GetAsync(entry.Agency, ct).ConfigureAwait(false);
        return LedgerTimeliness.Assess(entry, Pipeline.Core.Timeliness.PublisherKinds.Parse(agency?.Kind), agency?.PublisherName, siteOptions.Value, time.GetUtcNow());
    }

    public async Task<UploadStatus?> GetByFileAsync(string agency, string fileName, CancellationToken ct)
    {
        var entry = await uploads.GetFileAsync(agency, fileName, ct).ConfigureAwait(false);
        if (await reportBlobs.IncomingExistsAsync(agency, fileName, ct).ConfigureAwait(false))
            return new UploadStatus(agency, fileName, "Waiting", entry?.IndexCode, entry?.Version, "uploaded, waiting for validation", null, null, null);
        if (entry is null) return null;
        var report = entry.IndexCode is null ? null : await GetByIndexCodeAsync(entry.IndexCode, ct).ConfigureAwait(false);
        return new UploadStatus(entry.Agency, entry.FileName, entry.Outcome, entry.IndexCode, entry.Version, entry.Reason, entry.ResultBlob, entry.ProcessedAt, report, entry.QuarantineBlob);
    }

    /// <summary>
    /// Marks the report withdrawn and schedules the withdrawal for the next publish run (page replaced by a notice,
    /// entry removed from lists, feeds, sitemap, JSON and search). Idempotent.
    /// </summary>
    public Task<WithdrawOutcome> WithdrawAsync(string indexCode, string reason, CancellationToken ct) => WithdrawAsync(indexCode, reason, null, ct);

    /// <param name="operatorName">Who withdraws (recorded in the report's history); null: the host's user name.</param>
    public async Task<WithdrawOutcome> WithdrawAsync(string indexCode, string reason, string? operatorName, CancellationToken ct)
    {
        var actor = OperatorName(operatorName);
        ReportState? previous = null;
        var now = time.GetUtcNow();
        var updated = await ledger.UpdateAsync(indexCode, e =>
        {
            previous = e.State;
            if (e.State == ReportState.Withdrawn && e.Reason == reason) return false;
            e.State = ReportState.Withdrawn;
            e.Withdrawal = WithdrawalKind.Operator;
            e.Reason = reason;
            e.Publishable = false;
            e.WithdrawnAt = now;
            e.WithdrawnBy = actor;
            return true;
        }, ct).ConfigureAwait(false);
        if (updated is null) return new WithdrawOutcome(false, null, $"no report with index code {indexCode}");
        await due.UpsertAsync(indexCode, now, ct).ConfigureAwait(false);
        await resultDocuments.RefreshAsync(indexCode, ct).ConfigureAwait(false);
        logger.LogInformation("{IndexCode} withdrawn ({Reason})", indexCode, reason);
        return new WithdrawOutcome(true, previous, $"{indexCode} withdrawn; the site is updated at the next publish run");
    }

    /// <summary>
    /// Releases a report held for privacy review: re-analyses the archived original (masked when asked), stores the
    /// parsed document for the same version and requests rendering. Only a Held report can be approved.
    /// </summary>
    public Task<ApprovalOutcome> ApprovePrivacyAsync(string indexCode, PrivacyDecision decision, CancellationToken ct) =>
        ApprovePrivacyAsync(indexCode, decision, null, ct);

    /// <param name="operatorName">Who approves (recorded with the decision and the time); null: the host's user name.</param>
    public async Task<ApprovalOutcome> ApprovePrivacyAsync(string indexCode, PrivacyDecision decision, string? operatorName, CancellationToken ct)
    {
        var actor = OperatorName(operatorName);
        var latest = await ledger.GetLatestAsync(indexCode, ct).ConfigureAwait(false);
        if (latest is null) return new ApprovalOutcome(false, false, $"no report with index code {indexCode}");
        if (latest.State != ReportState.Held)
            return new ApprovalOutcome(true, false, $"{indexCode} is {latest.State}, not held for privacy review");

        var agency = await registry.GetAsync(latest.Agency, ct).ConfigureAwait(false);
        var archived = await reportBlobs.OpenArchiveAsync(latest.ArchiveBlob!, ct).ConfigureAwait(false);
        ReportAnalysis analysis;
        await using (archived.ConfigureAwait(false))
        {
            var mode = decision == PrivacyDecision.PublishMasked ? PrivacyMode.PublishMasked : PrivacyMode.HoldForReview;
            analysis = await ReportAnalyzer.AnalyzeAsync(archived, latest.FileName, agency?.ToContext(), pipelineOptions.Value.AnalysisOptionsFor(mode), ct).ConfigureAwait(false);
        }
        analysis = analysis with { Metadata = analysis.Metadata with { IndexCode = new(indexCode, analysis.Metadata.IndexCode.Value == indexCode ? analysis.Metadata.IndexCode.Source : Core.Model.MetadataSource.Assigned) } };
        await reportBlobs.SetParsedAsync(latest.ParsedBlob!, analysis, ct).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var calendar = SiteCalendar.For(siteOptions.Value);
        var approved = await ledger.UpdateAsync(indexCode, e =>
        {
            if (e.State != ReportState.Held || e.Version != latest.Version) return false;
            e.State = ReportState.Validated;
            e.PrivacyDecision = decision.ToString();
            e.ApprovedBy = actor;
            e.ApprovedAt = now;
            e.Publishable = e.PubliclyScoped;
            e.Reason = $"privacy review: {decision}";
            // The findings no longer say the report waits for review: they say who released it, when and how.
            e.VerdictSummary = ReportHistory.ReplaceHoldFinding(e.VerdictSummary, ReportHistory.ApprovalText(decision.ToString(), actor, now, calendar));
            return true;
        }, ct).ConfigureAwait(false);
        if (approved is null || approved.State != ReportState.Validated)
            return new ApprovalOutcome(true, false, $"{indexCode} changed during approval; check its status");
        await new RenderRequest(indexCode, approved.Version).SendAsync(queues, ct).ConfigureAwait(false);
        await resultDocuments.RefreshAsync(indexCode, ct).ConfigureAwait(false);
        logger.LogInformation("{IndexCode} approved for publication ({Decision})", indexCode, decision);
        return new ApprovalOutcome(true, true, $"{indexCode} approved ({decision}); it is rendered and published when due");
    }

    /// <summary>The name recorded for an operator action: the one given, else the host's user name, else "operator".</summary>
    private static string OperatorName(string? given) =>
        !string.IsNullOrWhiteSpace(given) ? given.Trim()
        : !string.IsNullOrWhiteSpace(Environment.UserName) ? Environment.UserName : "operator";
}
