using System.Globalization;
using Pipeline.Core.Statistics;

namespace Pipeline.Site.Statistics;

/// <summary>How the site names the template's tables, rows and columns (the template's own wording; keys stay ASCII).</summary>
public static class StatisticsLabels
{
    /// <summary>Stable ASCII key of a table in open data.</summary>
    public static string Key(StatisticsTableKind kind) => kind switch
    {
        StatisticsTableKind.ProactiveDisclosure => "proactive-disclosure",
        StatisticsTableKind.Applications => "applications",
        _ => "review-and-litigation",
    };

    /// <summary>The report section that holds the table and its title, as the template writes it.</summary>
    public static string Title(StatisticsTableKind kind) => kind switch
    {
        StatisticsTableKind.ProactiveDisclosure => "二、主动公开政府信息情况",
        StatisticsTableKind.Applications => "三、收到和处理政府信息公开申请情况",
        _ => "四、政府信息公开行政复议、行政诉讼情况",
    };

    public static string Template(TemplateVersion version) => version switch
    {
        TemplateVersion.Template2019 => "2019",
        TemplateVersion.Template2021 => "2021",
        _ => "",
    };

    public static string Row(StatisticsTableKind kind, string key) =>
        StatisticsTemplate.Row(kind, key) is { } row
            ? (kind == StatisticsTableKind.ReviewAndLitigation && key != "review" ? "行政诉讼·" : "") + StatisticsTemplate.Display(row)
            : key;

    public static string Column(StatisticsTableKind kind, string row, string key, TemplateVersion version) =>
        StatisticsTemplate.Column(kind, row, key, version) is { } column
            ? (column.Group is { } group ? group + "·" : "") + column.Label
            : key;

    /// <summary>A figure as open data and pages write it: invariant, no grouping, no trailing zeros.</summary>
    public static string Figure(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
