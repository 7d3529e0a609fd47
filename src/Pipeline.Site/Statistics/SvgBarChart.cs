using System.Globalization;
using Pipeline.Site.Html;

namespace Pipeline.Site.Statistics;

/// <summary>
/// A horizontal bar chart drawn as SVG when the page is built (no script). The SVG is one image to assistive
/// technology (role=img, named by its title and described by its desc); the figure's caption names it and the same
/// figures follow as a table, so nothing is only in the picture. Colours and text are attributes, never style
/// (the site's CSP allows no inline style).
/// </summary>
public static class SvgBarChart
{
    private const int Width = 480;
    private const int LabelWidth = 170;
    private const int ValueWidth = 70;
    private const int BarHeight = 18;
    private const int RowHeight = 28;
    private const int MaxLabelChars = 10;

    /// <param name="id">Unique id prefix on the page.</param>
    /// <param name="title">What the chart shows (caption, SVG title, table caption).</param>
    /// <param name="bars">Label and value of each bar (null = not reported: no bar, "未填报").</param>
    /// <param name="format">How a value is written (count, percent).</param>
    public static void Write(HtmlWriter html, string id, string title, string valueHeader, IReadOnlyList<(string Label, decimal? Value)> bars, Func<decimal, string> format)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(format);
        var max = bars.Select(b => b.Value ?? 0).DefaultIfEmpty(0).Max();
        var height = Math.Max(1, bars.Count) * RowHeight + 8;
        var reported = bars.Where(b => b.Value is not null).ToList();
        var summary = reported.Count == 0 ? "没有已填报的数据。"
            : $"共{bars.Count.ToString(CultureInfo.InvariantCulture)}项，最高：{reported.MaxBy(b => b.Value)!.Label} {format(reported.Max(b => b.Value)!.Value)}；最低：{reported.MinBy(b => b.Value)!.Label} {format(reported.Min(b => b.Value)!.Value)}。";

        html.Raw("<figure class=\"chart\">\n<figcaption id=\"").Raw(id).Raw("-caption\">").Text(title).Raw("</figcaption>\n")
            .Raw("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Number(Width).Raw(" ").Number(height)
            .Raw("\" role=\"img\" aria-labelledby=\"").Raw(id).Raw("-title ").Raw(id).Raw("-desc\">\n")
            .Raw("<title id=\"").Raw(id).Raw("-title\">").Text(title).Raw("</title>\n<desc id=\"").Raw(id).Raw("-desc\">").Text(summary).Raw("</desc>\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = 4 + i * RowHeight;
            var shown = label.Length > MaxLabelChars ? label[..(MaxLabelChars - 1)] + "…" : label;
            html.Raw("<text x=\"").Number(LabelWidth - 8).Raw("\" y=\"").Number(y + 14).Raw("\" text-anchor=\"end\" font-size=\"15\" fill=\"#1a1a1a\">").Text(shown).Raw("</text>");
            var barSpace = Width - LabelWidth - ValueWidth;
            var length = value is { } v && max > 0 ? (int)Math.Round(barSpace * (double)(v / max)) : 0;
            if (value is not null)
                html.Raw("<rect x=\"").Number(LabelWidth).Raw("\" y=\"").Number(y).Raw("\" width=\"").Number(Math.Max(length, 1)).Raw("\" height=\"").Number(BarHeight).Raw("\" fill=\"#0b4f8a\"/>");
            html.Raw("<text x=\"").Number(LabelWidth + length + 6).Raw("\" y=\"").Number(y + 14).Raw("\" font-size=\"15\" fill=\"#1a1a1a\">")
                .Text(value is { } shownValue ? format(shownValue) : "未填报").Raw("</text>\n");
        }
        html.Raw("</svg>\n<details class=\"chart-data\"><summary>图表数据</summary>\n<table class=\"data\">\n<caption>").Text(title).Raw("</caption>\n")
            .Raw("<thead><tr><th scope=\"col\">项目</th><th scope=\"col\">").Text(valueHeader).Raw("</th></tr></thead>\n<tbody>\n");
        foreach (var (label, value) in bars)
            html.Raw("<tr><th scope=\"row\">").Text(label).Raw("</th><td class=\"num\">").Text(value is { } v ? format(v) : "未填报").Raw("</td></tr>\n");
        html.Raw("</tbody>\n</table>\n</details>\n</figure>\n");
    }
}
