using Pipeline.Cli.Commands;
using Pipeline.Core.Timeliness;

namespace Pipeline.Cli.Tests;

/// <summary>How `pipeline status` words timeliness: the detail line and the list column.</summary>
public class TimelinessTextTests
{
    private static TimelinessAssessment Late(IReadOnlyList<int> missing) => new(
        new DateOnly(2024, 3, 4), new DateOnly(2024, 4, 2), ReleaseDateBasis.Published, 21, missing, true,
        2023, PublisherKind.Government, new DateOnly(2024, 3, 31), true);

    [Fact]
    public void A_late_report_says_the_count_the_dates_the_limit_and_the_missed_deadline()
    {
        var text = TimelinessText.Describe(Late([]));
        Assert.Contains("21 working days from 2024-03-04 to 2024-04-02 (went live): over the 20-working-day limit", text);
        Assert.Contains("annual report on 2023, government deadline 2024-03-31: missed", text);
        Assert.Equal("21 wd late, deadline missed", TimelinessText.Short(Late([])));
    }

    [Fact]
    public void A_count_with_a_missing_calendar_year_is_a_lower_bound()
    {
        Assert.Contains("at least 21 working days", TimelinessText.Describe(Late([2023])));
        Assert.Contains("calendar lacks 2023", TimelinessText.Describe(Late([2023])));
        Assert.StartsWith("≥21 wd late", TimelinessText.Short(Late([2023])));
    }

    [Fact]
    public void An_in_time_report_and_an_unknown_one()
    {
        var inTime = new TimelinessAssessment(new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 5), ReleaseDateBasis.Stated, 1, [], false, null, PublisherKind.Unknown, null, null);
        Assert.Equal("1 wd", TimelinessText.Short(inTime));
        Assert.Contains("within the limit", TimelinessText.Describe(inTime));
        var unknown = inTime with { GeneratedDate = null, WorkingDays = null, OverLimit = null };
        Assert.Equal("-", TimelinessText.Short(unknown));
        Assert.Contains("no 生成日期", TimelinessText.Describe(unknown));
    }
}
