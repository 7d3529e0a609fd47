using System.Text.Json.Serialization;
using Pipeline.Site.Catalog;

namespace Pipeline.Site.Statistics;

/// <summary>
/// How timely a set of published reports went public (an agency's year, a year, an agency): how many were published,
/// how many more than 20 working days after their 生成日期 (第二十六条), how many cannot be judged and why, and how many
/// annual reports missed their 第四十九条 deadline.
/// </summary>
/// <param name="Reports">Published reports (withdrawn ones never count).</param>
/// <param name="Late">Published more than 20 working days after 生成日期.</param>
/// <param name="NoGeneratedDate">Cannot be judged: the report states no 生成日期.</param>
/// <param name="CalendarMissing">Cannot be judged: a year between the dates has no official working-day calendar.</param>
/// <param name="NotAssessed">Published before the site assessed timeliness (a rebuild assesses it).</param>
/// <param name="AnnualReports">Annual reports among them.</param>
/// <param name="AfterDeadline">Annual reports published after their 第四十九条 deadline.</param>
/// <param name="DeadlineUnknown">Annual reports whose deadline cannot be told (whether a government's or a department's is unknown).</param>
internal sealed record TimelinessCounts(int Reports, int Late, int NoGeneratedDate, int CalendarMissing, int NotAssessed,
    int AnnualReports, int AfterDeadline, int DeadlineUnknown)
{
    public static TimelinessCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Reports whose 20-working-day verdict cannot be given.</summary>
    [JsonIgnore]
    public int Unknown => NoGeneratedDate + CalendarMissing + NotAssessed;

    /// <summary>The counts of both sets together (the catalog keeps them per list and adds a run's reports).</summary>
    public TimelinessCounts Plus(TimelinessCounts other) => new(Reports + other.Reports, Late + other.Late,
        NoGeneratedDate + other.NoGeneratedDate, CalendarMissing + other.CalendarMissing, NotAssessed + other.NotAssessed,
        AnnualReports + other.AnnualReports, AfterDeadline + other.AfterDeadline, DeadlineUnknown + other.DeadlineUnknown);

    public static TimelinessCounts Of(IEnumerable<CatalogRow> rows)
    {
        int reports = 0, late = 0, undated = 0, calendar = 0, unassessed = 0, annual = 0, after = 0, deadlineUnknown = 0;
        foreach (var row in rows)
        {
            reports++;
            switch (TimelinessView.VerdictOf(row.Timeliness))
            {
                case TimelinessVerdict.Late: late++; break;
                case TimelinessVerdict.NoGeneratedDate: undated++; break;
                case TimelinessVerdict.CalendarMissing: calendar++; break;
                case TimelinessVerdict.NotAssessed: unassessed++; break;
            }
            if (row.Timeliness?.AnnualReportYear is null) continue;
            annual++;
            if (row.Timeliness.AfterDeadline is true) after++;
            else if (row.Timeliness.AfterDeadline is null) deadlineUnknown++;
        }
        return new TimelinessCounts(reports, late, undated, calendar, unassessed, annual, after, deadlineUnknown);
    }
}
