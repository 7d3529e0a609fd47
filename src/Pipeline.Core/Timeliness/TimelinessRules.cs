namespace Pipeline.Core.Timeliness;

/// <summary>What one report's timeliness is, from its dates, title and publisher: the one place these rules live.</summary>
public static class TimelinessRules
{
    /// <summary>政府信息公开条例 第二十六条: 主动公开 information is published within 20 working days of being made or changed.</summary>
    public const int WorkingDayLimit = 20;

    /// <summary>
    /// The revised 条例 (国务院令第711号) took effect on 2019-05-15; annual reports on 2019 onwards have the split
    /// deadlines of its 第四十九条. Reports on earlier years were all due by 3月31日 (2007 条例 第三十一条).
    /// </summary>
    public const int FirstYearOfSplitDeadlines = 2019;

    /// <summary>The facts an assessment is made from.</summary>
    /// <param name="Title">The report's title, to recognise an annual report and the body it names.</param>
    /// <param name="Publisher">The publisher (as written, or the registered name).</param>
    /// <param name="RegisteredName">The uploading agency's official name in the registry.</param>
    /// <param name="RegisteredKind">The registry's kind for the agency, when it records one.</param>
    public sealed record Facts(
        DateOnly? GeneratedDate,
        DateOnly? ReleaseDate,
        ReleaseDateBasis ReleaseBasis,
        string? Title,
        string? Publisher,
        string? RegisteredName = null,
        PublisherKind RegisteredKind = PublisherKind.Unknown);

    public static TimelinessAssessment Assess(Facts facts, WorkingDayCalendar calendar)
    {
        int? workingDays = null;
        IReadOnlyList<int> missing = [];
        bool? overLimit = null;
        if (facts.GeneratedDate is { } generated && facts.ReleaseDate is { } released)
        {
            var count = calendar.CountWorkingDays(generated, released);
            missing = count.MissingYears;
            workingDays = count.Days;
            // Known working days over the limit prove lateness whatever the missing years hold; otherwise only a
            // complete count can clear a report.
            overLimit = count.Days > WorkingDayLimit ? true : count.Complete ? false : null;
        }

        var annual = AnnualReport.FromTitle(facts.Title);
        var kind = PublisherKind.Unknown;
        DateOnly? deadline = null;
        bool? afterDeadline = null;
        if (annual is not null)
        {
            kind = KindOf(annual, facts);
            deadline = Deadline(annual.Year, kind);
            if (deadline is { } last && facts.ReleaseDate is { } releaseDate) afterDeadline = releaseDate > last;
        }
        return new TimelinessAssessment(facts.GeneratedDate, facts.ReleaseDate, facts.ReleaseBasis, workingDays, missing, overLimit,
            annual?.Year, kind, deadline, afterDeadline);
    }

    /// <summary>
    /// The last day an annual report on <paramref name="year"/> may be published: 1月31日 for a department, 3月31日 for
    /// a people's government, of the next year; 3月31日 for both before <see cref="FirstYearOfSplitDeadlines"/>.
    /// Unknown kind, unknown deadline.
    /// </summary>
    public static DateOnly? Deadline(int year, PublisherKind kind) => kind switch
    {
        _ when year < FirstYearOfSplitDeadlines && kind != PublisherKind.Unknown => new DateOnly(year + 1, 3, 31),
        PublisherKind.Government => new DateOnly(year + 1, 3, 31),
        PublisherKind.Department => new DateOnly(year + 1, 1, 31),
        _ => null,
    };

    /// <summary>
    /// Whose annual report: the body the title names when its name says (鹤壁市人民政府2023年… is the government's
    /// even when its office publishes it), else the registry's kind for the agency, else the publisher's name, else the
    /// registered name.
    /// </summary>
    private static PublisherKind KindOf(AnnualReport annual, Facts facts)
    {
        var fromTitle = PublisherKinds.FromName(annual.Subject);
        if (fromTitle != PublisherKind.Unknown) return fromTitle;
        if (facts.RegisteredKind != PublisherKind.Unknown) return facts.RegisteredKind;
        var fromPublisher = PublisherKinds.FromName(facts.Publisher);
        return fromPublisher != PublisherKind.Unknown ? fromPublisher : PublisherKinds.FromName(facts.RegisteredName);
    }
}
