using Pipeline.Core;

namespace Pipeline.Site;

/// <summary>
/// The site's calendar, the one place that turns instants into the days and years the site shows: the time zone
/// release dates are read in (<see cref="SiteOptions.TimeZone"/>), when a release day starts there, which day an
/// instant falls on, and which year list a report is on. The render stage, the publish stage and the site all use it.
/// </summary>
public sealed class SiteCalendar
{
    public SiteCalendar(string timeZoneId) => Zone = TimeZones.Find(timeZoneId);

    /// <summary>The calendar of <paramref name="options"/>' time zone.</summary>
    public static SiteCalendar For(SiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SiteCalendar(options.TimeZone);
    }

    /// <summary>The site's time zone (or a fixed UTC+8 zone under the configured id when the host does not know it).</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>When <paramref name="date"/> begins in the site's time zone: a release date means midnight there.</summary>
    public DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>The day <paramref name="instant"/> falls on in the site's time zone.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>
    /// An instant as a person reads it: the site's local time with its offset, e.g. "2026-12-02 00:00:00 +08:00"
    /// (never a UTC instant that names the day before).
    /// </summary>
    public string Show(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone).ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The year list a report is on: the year of its 发布日期 (the day it went public on this site), else of the day
    /// this version was published (site time zone), else of its generated date; null when it has none of these. Never
    /// the 生成日期 when a publication date is known: a 2018 document that went live in 2026 is on the 2026 list.
    /// </summary>
    public int? ListYear(DateOnly? releaseDate, DateOnly? generatedDate, DateTimeOffset? publishedAt) =>
        releaseDate?.Year ?? (publishedAt is { } at ? DateOf(at).Year : generatedDate?.Year);
}
