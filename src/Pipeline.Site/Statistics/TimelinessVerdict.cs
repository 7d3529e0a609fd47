namespace Pipeline.Site.Statistics;

/// <summary>A published report against the 20-working-day limit (政府信息公开条例 第二十六条).</summary>
internal enum TimelinessVerdict
{
    OnTime,
    Late,
    /// <summary>No 生成日期: the working days cannot be counted.</summary>
    NoGeneratedDate,
    /// <summary>A year between the dates has no official calendar and the known days do not reach the limit: never guessed.</summary>
    CalendarMissing,
    /// <summary>Published before the site assessed timeliness.</summary>
    NotAssessed,
}
