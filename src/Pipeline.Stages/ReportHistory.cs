using System.Globalization;
using Pipeline.Site;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// A report's history, read from what the ledger records on each version row (received, validated, held — why —, approved — by whom,
/// when, masked or as uploaded —, rendered, scheduled, published, revised, superseded, withdrawn — by whom, why), oldest first.
/// </summary>
public static class ReportHistory
{
    /// <summary>The words a held report's finding uses for "waiting for an operator" (any punctuation around them).</summary>
    public const string WaitingForReviewWords = "等待管理员审核";

    public static IReadOnlyList<ReportHistoryEvent> Of(IReadOnlyList<LedgerEntry> versions, LedgerEntry latest)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(latest);
        var events = new List<ReportHistoryEvent>();
        // The latest row is the newest word on the latest version (the version row mirrors it).
        var rows = versions.Where(v => v.Version != latest.Version).Append(latest).OrderBy(v => v.Version).ToList();
        foreach (var v in rows)
        {
            var received = v.ReceivedAt == default ? v.UpdatedAt : v.ReceivedAt;
            events.Add(new(received, v.Version, v.Version > 1 ? "revised" : "received", null, v.FileName));
            if (v.State == ReportState.Rejected) events.Add(new(received, v.Version, "rejected", null, v.Reason));
            else if (v.State != ReportState.Received)
                events.Add(new(received, v.Version, "validated", null, v.PubliclyScoped ? null : "not for public release"));
            if (v.State == ReportState.Held || v.ApprovedAt is not null || v.PrivacyDecision is not null)
                events.Add(new(received, v.Version, "held", null, $"held for privacy review: {v.PersonalDataCount} personal data item(s)"));
            if (v.ApprovedAt is { } approved)
                events.Add(new(approved, v.Version, "approved", v.ApprovedBy, OptionText(v.PrivacyDecision)));
            if (v.RenderedAt is { } rendered) events.Add(new(rendered, v.Version, "rendered", null, null));
            if (v.ReleaseAt is { } release && v.State is not (ReportState.Received or ReportState.Validated or ReportState.Held or ReportState.Rejected))
                events.Add(new(release, v.Version, "scheduled", null, v.Publishable ? null : "not for public release"));
            if (v.PublishedAt is { } published && v.PublishedVersion == v.Version)
                events.Add(new(published, v.Version, "published", null, null));
            if (v.State == ReportState.Failed) events.Add(new(v.UpdatedAt, v.Version, "failed", null, v.Reason));
            if (v.State == ReportState.Withdrawn && v.WithdrawnAt is { } withdrawn)
                events.Add(new(withdrawn, v.Version, "withdrawn", v.WithdrawnBy, v.Reason));
            if (v.Version < latest.Version && v.PublishedVersion != v.Version)
            {
                var next = versions.Where(n => n.Version > v.Version).Select(n => n.ReceivedAt).DefaultIfEmpty(latest.ReceivedAt).Min();
                events.Add(new(next, v.Version, "superseded", null, $"superseded by v{latest.Version}"));
            }
            else if (v.Version < latest.Version
                     && rows.Where(n => n.Version > v.Version && n.PublishedVersion == n.Version && n.PublishedAt is not null).MinBy(n => n.Version) is { } replacement)
            {
                // A version that was live is superseded when a later one goes live in its place.
                events.Add(new(replacement.PublishedAt!.Value, v.Version, "superseded", null, $"superseded by v{replacement.Version}"));
            }
        }
        return events.OrderBy(e => e.At).ThenBy(e => e.Version).ToList();
    }

    /// <summary>How an approval released the report: masked, or as uploaded.</summary>
    public static string OptionText(string? privacyDecision) => privacyDecision switch
    {
        "PublishMasked" => "masked (个人信息已遮盖)",
        "PublishAsIs" => "as uploaded (按原文发布)",
        _ => privacyDecision ?? "",
    };

    /// <summary>The approval record that replaces the "waiting for review" finding.</summary>
    public static string ApprovalText(string privacyDecision, string approvedBy, DateTimeOffset at, SiteCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var how = privacyDecision == "PublishAsIs" ? "按原文发布" : "遮盖个人信息后发布";
        return string.Create(CultureInfo.InvariantCulture,
            $"privacy-approved: 已由 {approvedBy} 于 {calendar.Show(at)} 审核同意{how}。Approved by {approvedBy} at {calendar.Show(at)}, {OptionText(privacyDecision)}.");
    }

    /// <summary>
    /// The findings with each line that says the report waits for an operator replaced by <paramref name="approval"/>
    /// (appended when there was none).
    /// </summary>
    public static string ReplaceHoldFinding(string? verdictSummary, string approval)
    {
        if (string.IsNullOrEmpty(verdictSummary)) return approval;
        var lines = verdictSummary.Split('\n');
        var replaced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].Contains(WaitingForReviewWords, StringComparison.Ordinal)) continue;
            lines[i] = approval;
            replaced = true;
        }
        return replaced ? string.Join('\n', lines) : verdictSummary.TrimEnd('\n') + "\n" + approval;
    }
}
