using Pipeline.Core.Timeliness;

namespace Pipeline.Core.Validation;

public static partial class ReportValidator
{
    /// <summary>
    /// Timeliness against the release date known at validation: the date the document states, else the time requested
    /// at upload (when not already past), else today, the earliest the page can go live (the finding says so). Findings
    /// only for reports meant for the public site: 第二十六条 is about 主动公开 information.
    /// </summary>
    private static TimelinessAssessment CheckTimeliness(ValidationInput input, bool publiclyScoped, List<Model.Finding> warnings)
    {
        var options = input.Options;
        var now = options.Clock.GetUtcNow();
        var (release, basis) = input.Metadata.ReleaseDate.Value is { } stated
            ? (stated, ReleaseDateBasis.Stated)
            : options.RequestedReleaseAt is { } requested && requested > now
                ? (LocalDate(requested, options.TimeZone), ReleaseDateBasis.Requested)
                : (LocalDate(now, options.TimeZone), ReleaseDateBasis.Validation);
        var facts = new TimelinessRules.Facts(
            input.Metadata.GeneratedDate.Value, release, basis,
            input.Metadata.Title.Value ?? input.Parsed.Document.Title,
            input.Metadata.Publisher.Value, input.Agency?.PublisherName, input.Agency?.Kind ?? PublisherKind.Unknown);
        var assessment = TimelinessRules.Assess(facts, options.Calendar);
        if (!publiclyScoped) return assessment;

        if (assessment.OverLimit == true) warnings.Add(Findings.PublishedLate(assessment));
        else if (assessment.OverLimit is null && assessment.MissingCalendarYears.Count > 0) warnings.Add(Findings.WorkingCalendarMissing(assessment));
        if (assessment.AfterDeadline == true) warnings.Add(Findings.AnnualReportLate(assessment));
        return assessment;
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
