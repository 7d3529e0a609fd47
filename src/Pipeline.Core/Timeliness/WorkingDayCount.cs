namespace Pipeline.Core.Timeliness;

/// <summary>A count of working days, and the years the calendar data lacks (then the count is incomplete, not a guess).</summary>
public sealed record WorkingDayCount(int Days, IReadOnlyList<int> MissingYears)
{
    public bool Complete => MissingYears.Count == 0;
}
