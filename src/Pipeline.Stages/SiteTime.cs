
using Pipeline.Site;

namespace Pipeline.Stages;

/// <summary>Dates in the site's time zone: a release date means midnight there.</summary>
public static class SiteTime
{
    public static TimeZoneInfo Zone(SiteOptions options)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    public static DateTimeOffset StartOfDay(DateOnly date, SiteOptions options)
    {
        var zone = Zone(options);
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateOnly Today(DateTimeOffset utcNow, SiteOptions options) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utcNow, Zone(options)).DateTime);
}
