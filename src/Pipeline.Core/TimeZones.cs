namespace Pipeline.Core;

/// <summary>
/// The one rule for finding a time zone by id, shared by analysis (whose dates are days in the site's zone) and the
/// site calendar: the host's zone data when it knows the id, else a fixed UTC+8 zone under that id — China Standard
/// Time, the documented default (Asia/Shanghai keeps no daylight saving), so a Chinese government site still dates its
/// reports right on a host without a tz database or with a mistyped id, rather than eight hours off.
/// </summary>
public static class TimeZones
{
    public const string ChinaStandardTimeId = "Asia/Shanghai";

    public static readonly TimeSpan FallbackOffset = TimeSpan.FromHours(8);

    /// <summary>China Standard Time (Asia/Shanghai), found by <see cref="Find"/>.</summary>
    public static TimeZoneInfo ChinaStandardTime { get; } = Find(ChinaStandardTimeId);

    public static TimeZoneInfo Find(string? id)
    {
        if (!string.IsNullOrWhiteSpace(id))
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // Fall through: the fixed UTC+8 zone below, under the configured id.
            }
        }
        var name = string.IsNullOrWhiteSpace(id) ? "UTC+08:00" : id;
        return TimeZoneInfo.CreateCustomTimeZone(name, FallbackOffset, name, name);
    }
}
