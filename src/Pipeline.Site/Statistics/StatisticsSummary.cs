using Pipeline.Core.Statistics;

namespace Pipeline.Site.Statistics;

/// <summary>
/// The figures an oversight body compares agencies by, taken from one report's template tables (the 总计 column of
/// section 三, the three groups of section 四, the fees row of section 二). A figure the report left blank or out is
/// null, never 0; a group (不予公开, 无法提供 …) is the sum of the items written, null when none is.
/// </summary>
public sealed record StatisticsSummary(
    decimal? Received,
    decimal? CarriedOver,
    decimal? Disclosed,
    decimal? PartlyDisclosed,
    decimal? Withheld,
    decimal? Unavailable,
    decimal? NotProcessed,
    decimal? OtherHandling,
    decimal? Handled,
    decimal? CarriedForward,
    decimal? ReviewCorrected,
    decimal? ReviewTotal,
    decimal? LitigationCorrected,
    decimal? LitigationTotal,
    decimal? Fees)
{
    private const string Total = "total";

    /// <summary>Share of handled applications answered 予以公开 (0–1), or null.</summary>
    public decimal? DisclosedShare => Ratio(Disclosed, Handled);

    /// <summary>结果纠正 / 总计 in administrative review, or null.</summary>
    public decimal? ReviewCorrectionRate => Ratio(ReviewCorrected, ReviewTotal);

    /// <summary>结果纠正 / 总计 in litigation (direct and after review together), or null.</summary>
    public decimal? LitigationCorrectionRate => Ratio(LitigationCorrected, LitigationTotal);

    public static StatisticsSummary Of(ReportStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var a = statistics.Table(StatisticsTableKind.Applications);
        var r = statistics.Table(StatisticsTableKind.ReviewAndLitigation);
        var p = statistics.Table(StatisticsTableKind.ProactiveDisclosure);
        decimal? A(string row) => a?.Value(row, Total);
        decimal? Group(string parent)
        {
            if (a is null) return null;
            var items = StatisticsTemplate.ApplicationRows.Where(row => row.Parent == parent && row.In(a.Version)).Select(row => a.Value(row.Key, Total)).ToList();
            return items.Count == 0 ? a.Value(parent, Total) : Sum(items);
        }
        decimal? R(string column, params string[] rows) => r is null ? null : Sum(rows.Select(row => r.Value(row, column)));
        // 2021: 本年收费金额（万元）; 2019 has no amount column for fees, so no figure.
        var fees = p?.Version == TemplateVersion.Template2019 ? null : p?.Value("fees", "amount");
        return new StatisticsSummary(A("1"), A("2"), A("3.1"), A("3.2"), Group("3.3"), Group("3.4"), Group("3.5"),
            a?.Value("3.6", Total) ?? Group("3.6"), A("3.7"), A("4"),
            R("corrected", "review"), R(Total, "review"),
            R("corrected", "litigation-direct", "litigation-after-review"), R(Total, "litigation-direct", "litigation-after-review"),
            fees);
    }

    /// <summary>The sum of the figures written, or null when none is.</summary>
    private static decimal? Sum(IEnumerable<decimal?> values)
    {
        decimal? sum = null;
        foreach (var v in values)
            if (v is { } x) sum = (sum ?? 0) + x;
        return sum;
    }

    private static decimal? Ratio(decimal? part, decimal? whole) =>
        part is { } p && whole is { } w && w > 0 ? p / w : null;
}
