using System.Globalization;
using Pipeline.Core.Timeliness;

namespace Pipeline.Cli.Commands;

/// <summary>How `pipeline status` words a report's timeliness (a self-contained helper, so the command can be re-wired freely).</summary>
public static class TimelinessText
{
    /// <summary>The detail line: working days against the limit, where the 发布日期 comes from, and an annual report's deadline.</summary>
    public static string Describe(TimelinessAssessment t)
    {
        var parts = new List<string>();
        if (t.GeneratedDate is null) parts.Add("working days unknown (no 生成日期)");
        else if (t.WorkingDays is { } days)
        {
            var count = t.WorkingDaysExact ? $"{days}" : $"at least {days}";
            var verdict = t.OverLimit switch { true => $"over the {TimelinessRules.WorkingDayLimit}-working-day limit", false => "within the limit", null => "not checked" };
            parts.Add($"{count} working days from {Date(t.GeneratedDate)} to {Date(t.ReleaseDate)} ({Basis(t.ReleaseBasis)}): {verdict}");
            if (t.MissingCalendarYears.Count > 0) parts.Add($"calendar lacks {string.Join(", ", t.MissingCalendarYears)}");
        }
        if (t.AnnualReportYear is { } year)
            parts.Add(t.AnnualReportDeadline is { } deadline
                ? $"annual report on {year}, {t.PublisherKind.ToString().ToLowerInvariant()} deadline {Date(deadline)}: {(t.AfterDeadline == true ? "missed" : "met")}"
                : $"annual report on {year}, deadline unknown (publisher kind unknown)");
        return string.Join("; ", parts);
    }

    /// <summary>The list column: "12 wd", "31 wd late", "≥25 wd late", "deadline missed" or "-".</summary>
    public static string Short(TimelinessAssessment t)
    {
        var parts = new List<string>();
        if (t.WorkingDays is { } days) parts.Add($"{(t.WorkingDaysExact ? "" : "≥")}{days} wd{(t.OverLimit == true ? " late" : "")}");
        if (t.AfterDeadline == true) parts.Add("deadline missed");
        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";

    private static string Basis(ReleaseDateBasis basis) => basis switch
    {
        ReleaseDateBasis.Stated => "stated release date",
        ReleaseDateBasis.Requested => "requested release",
        ReleaseDateBasis.Published => "went live",
        ReleaseDateBasis.Scheduled => "scheduled",
        _ => "today, earliest possible release",
    };
}
