using System.Globalization;
using Pipeline.Site;
using Pipeline.Core.Timeliness;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// A report's timeliness from its ledger row, with the best 发布日期 known now: the date the document states, else
/// the day it first went live, else the day it is scheduled for, else today (the earliest it can go live). What
/// `status` shows and what the statistics view reads per agency and year; the rules are <see cref="TimelinessRules"/>'.
/// </summary>
public static class LedgerTimeliness
{
    public static TimelinessAssessment Assess(LedgerEntry entry, PublisherKind registeredKind, string? registeredName, SiteOptions site, DateTimeOffset now, WorkingDayCalendar? calendar = null)
    {
        var (release, basis) = ReleaseDate(entry, site, now);
        var facts = new TimelinessRules.Facts(ParseDate(entry.GeneratedDate), release, basis, entry.Title, entry.Publisher, registeredName, registeredKind);
        return TimelinessRules.Assess(facts, calendar ?? WorkingDayCalendar.Official);
    }

    private static (DateOnly Date, ReleaseDateBasis Basis) ReleaseDate(LedgerEntry entry, SiteOptions site, DateTimeOffset now)
    {
        if (ParseDate(entry.ReleaseDate) is { } stated) return (stated, ReleaseDateBasis.Stated);
        if (entry.FirstPublishedAt is { } published) return (SiteCalendar.For(site).DateOf(published), ReleaseDateBasis.Published);
        if (entry.ReleaseAt is { } scheduled && scheduled > now) return (SiteCalendar.For(site).DateOf(scheduled), ReleaseDateBasis.Scheduled);
        return (SiteCalendar.For(site).DateOf(now), ReleaseDateBasis.Validation);
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
