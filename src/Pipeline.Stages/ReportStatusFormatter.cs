using Pipeline.Site;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// What `pipeline status` prints, kept out of the command-line parsing so any host can show the same words: the plain
/// state label, a report's details and its history, every instant in the site's time zone with its offset.
/// </summary>
public static class ReportStatusFormatter
{
    /// <summary>
    /// The plain word operators and run.sh's summary use: published, held, rejected, withdrawn, failed,
    /// "not public" (kept, never on the site), "scheduled" (release time not reached), the stage it is in, or — for an
    /// upload that a later version replaced — "superseded by vN".
    /// </summary>
    /// <param name="uploadVersion">The version the upload became, when the label is for one upload; null for the report.</param>
    public static string Label(LedgerEntry report, DateTimeOffset now, int? uploadVersion = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (uploadVersion is { } version && version < report.Version)
            return report.PublishedVersion == version && report.State != ReportState.Withdrawn
                ? $"published (v{version}; v{report.Version} is {Label(report, now)})"
                : $"superseded by v{report.Version}";
        return report.State switch
        {
            ReportState.Rendered when !report.Publishable => "not public",
            ReportState.Rendered when report.ReleaseAt > now => "scheduled",
            var state => state.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>The lines of `pipeline status &lt;index code&gt;`.</summary>
    public static IReadOnlyList<string> Lines(ReportStatus s, SiteCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(calendar);
        var lines = new List<string>
        {
            $"index code {s.IndexCode}",
            $"state      {s.State}",
            $"version    {s.Version}{(s.PublishedVersion is { } pv && pv != s.Version && s.State != ReportState.Withdrawn ? $" (site shows v{pv})" : "")}",
            $"title      {s.Title}",
            $"publisher  {s.Publisher}",
            $"agency     {s.Agency} / {s.FileName}",
            $"public     {(s.Publishable ? "yes" : "no")}",
        };
        // A release time means something only once the report is rendered: before (held, validated) it is not scheduled.
        if (s.ReleaseAt is { } release && s.State is ReportState.Rendered or ReportState.Published)
            lines.Add($"release at {calendar.Show(release)}");
        if (s.PublishedAt is { } published) lines.Add($"published  {calendar.Show(published)}");
        if (s.Reason is not null) lines.Add($"reason     {s.Reason}");
        if (!string.IsNullOrEmpty(s.VerdictSummary)) lines.Add("findings\n  " + s.VerdictSummary.Replace("\n", "\n  ", StringComparison.Ordinal));
        if (s.Events is { Count: > 0 } events)
        {
            lines.Add("history");
            foreach (var e in events) lines.Add("  " + EventLine(e, calendar));
        }
        return lines;
    }

    /// <summary>One history line: when (site time zone), version, step, by whom, why or how.</summary>
    public static string EventLine(ReportHistoryEvent e, SiteCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(calendar);
        var line = $"{calendar.Show(e.At)}  v{e.Version}  {e.Step,-10}";
        if (e.By is not null) line += " by " + e.By;
        if (!string.IsNullOrEmpty(e.Detail)) line += (e.By is null ? " " : ": ") + e.Detail.ReplaceLineEndings(" ");
        return line.TrimEnd();
    }
}
