using Pipeline.Core.Timeliness;

namespace Pipeline.Core.Tests.Timeliness;

/// <summary>The official working-day calendar: the data files, the 调休 rules and the years it lacks.</summary>
public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Official = WorkingDayCalendar.Official;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>config/calendar/ beside samples/ at the repository root.</summary>
    internal static string CalendarFolder => Path.Combine(Directory.GetParent(TestFiles.SamplesDirectory)!.FullName, "config", "calendar");

    [Fact]
    public void The_shipped_data_covers_2019_to_2026()
    {
        Assert.Equal(Enumerable.Range(2019, 8), Official.Years);
    }

    [Fact]
    public void Every_year_file_in_the_repository_is_embedded_and_cites_its_notice()
    {
        var folder = CalendarFolder;
        var files = Directory.GetFiles(folder, "*.json").Order().ToList();
        Assert.Equal(Official.Years.Select(y => $"{y}.json"), files.Select(Path.GetFileName));
        foreach (var file in files)
            Assert.Contains("国务院办公厅关于", File.ReadAllText(file));
    }

    [Fact]
    public void A_weekend_made_a_working_day_counts_and_the_holiday_it_pays_for_does_not()
    {
        Assert.Equal(true, Official.IsWorkingDay(D(2024, 2, 18)));   // Sunday, 调休上班 after 春节
        Assert.Equal(false, Official.IsWorkingDay(D(2024, 2, 16)));  // Friday inside 春节
        Assert.Equal(false, Official.IsWorkingDay(D(2024, 2, 25)));  // an ordinary Sunday
        Assert.Equal(true, Official.IsWorkingDay(D(2024, 2, 19)));   // an ordinary Monday
    }

    [Fact]
    public void The_later_notices_of_a_year_are_in_its_data()
    {
        Assert.Equal(false, Official.IsWorkingDay(D(2020, 2, 1)));   // Saturday no longer worked: 春节 extended to 2月2日
        Assert.Equal(false, Official.IsWorkingDay(D(2020, 1, 31)));
        Assert.Equal(true, Official.IsWorkingDay(D(2020, 2, 3)));
        Assert.Equal(false, Official.IsWorkingDay(D(2019, 5, 2)));   // 劳动节 lengthened to 5月1日至4日
        Assert.Equal(true, Official.IsWorkingDay(D(2019, 5, 5)));    // and Sunday 5月5日 worked
    }

    [Fact]
    public void Counting_across_the_national_day_holiday_skips_it_and_counts_the_working_sunday()
    {
        // 2024: 国庆节 10月1日至7日; Sunday 9月29日 and Saturday 10月12日 worked.
        Assert.Equal(2, Official.CountWorkingDays(D(2024, 9, 27), D(2024, 9, 30)).Days); // Sun 29 + Mon 30
        Assert.Equal(1, Official.CountWorkingDays(D(2024, 9, 30), D(2024, 10, 8)).Days); // only Tue 8
        Assert.Equal(5, Official.CountWorkingDays(D(2024, 9, 30), D(2024, 10, 12)).Days); // 8, 9, 10, 11 and Sat 12
    }

    [Fact]
    public void The_start_day_is_not_counted_and_a_backward_span_is_zero()
    {
        Assert.Equal(0, Official.CountWorkingDays(D(2024, 3, 4), D(2024, 3, 4)).Days);
        Assert.Equal(1, Official.CountWorkingDays(D(2024, 3, 4), D(2024, 3, 5)).Days);
        Assert.Equal(0, Official.CountWorkingDays(D(2024, 3, 5), D(2024, 3, 1)).Days);
        Assert.Equal(20, Official.CountWorkingDays(D(2024, 3, 4), D(2024, 4, 1)).Days);
    }

    [Fact]
    public void A_year_missing_from_the_data_is_unknown_not_guessed()
    {
        var only2024 = WorkingDayCalendar.Parse([File.ReadAllText(Path.Combine(CalendarFolder, "2024.json"))]);
        Assert.Null(only2024.IsWorkingDay(D(2023, 12, 27)));
        Assert.Null(Official.IsWorkingDay(D(2018, 6, 1)));
        Assert.Null(Official.IsWorkingDay(D(2027, 1, 4)));

        var count = only2024.CountWorkingDays(D(2023, 12, 27), D(2024, 1, 3));
        Assert.Equal([2023], count.MissingYears);
        Assert.False(count.Complete);
        Assert.Equal(2, count.Days); // 2 and 3 January 2024 (1 January is 元旦)
    }

    [Theory]
    [InlineData("""{"year": 2024, "sources": [{"title": "t"}], "workingWeekends": ["2024-02-19"]}""", "is a Monday")]
    [InlineData("""{"year": 2024, "sources": [], "holidays": []}""", "cites no notice")]
    [InlineData("""{"year": 2024, "sources": [{"title": "t"}], "holidays": [{"name": "x", "from": "2024-10-07", "to": "2024-10-01"}]}""", "not a range")]
    [InlineData("""{"year": 2024, "sources": [{"title": "t"}], "holidays": [{"name": "x", "from": "2024-13-01", "to": "2024-13-02"}]}""", "not a yyyy-MM-dd date")]
    public void Calendar_data_that_is_wrong_is_refused_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => WorkingDayCalendar.Parse([json]));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void The_same_year_twice_is_refused()
    {
        const string json = """{"year": 2024, "sources": [{"title": "t"}]}""";
        Assert.Contains("given twice", Assert.Throws<InvalidDataException>(() => WorkingDayCalendar.Parse([json, json])).Message);
    }
}
