using System.Globalization;

namespace Pipeline.Site.Statistics;

/// <summary>A column of the year comparison: what it shows, how it is written, and its sort page's key.</summary>
/// <param name="Key">URL key of the page sorted by this measure (largest first).</param>
public sealed record StatisticsMeasure(string Key, string Header, Func<StatisticsSummary, decimal?> Value, bool Percent)
{
    public string Format(decimal value) => Percent
        ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : StatisticsLabels.Figure(value);

    /// <summary>The year comparison's columns, in page order.</summary>
    public static IReadOnlyList<StatisticsMeasure> All { get; } =
    [
        new("received", "本年新收申请", s => s.Received, false),
        new("carried-over", "上年结转", s => s.CarriedOver, false),
        new("disclosed", "予以公开", s => s.Disclosed, false),
        new("partly-disclosed", "部分公开", s => s.PartlyDisclosed, false),
        new("withheld", "不予公开", s => s.Withheld, false),
        new("unavailable", "无法提供", s => s.Unavailable, false),
        new("not-processed", "不予处理", s => s.NotProcessed, false),
        new("other-handling", "其他处理", s => s.OtherHandling, false),
        new("handled", "办理结果总计", s => s.Handled, false),
        new("disclosed-share", "予以公开占比", s => s.DisclosedShare, true),
        new("review-correction", "行政复议纠正率", s => s.ReviewCorrectionRate, true),
        new("litigation-correction", "行政诉讼纠正率", s => s.LitigationCorrectionRate, true),
        new("fees", "收费金额（万元）", s => s.Fees, false),
    ];
}
