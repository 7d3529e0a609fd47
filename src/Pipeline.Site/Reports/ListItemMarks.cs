using System.Text.RegularExpressions;

namespace Pipeline.Site.Reports;

/// <summary>Whether a list item's text starts with its own number or mark, so the page must not add another.</summary>
public static partial class ListItemMarks
{
    /// <summary>
    /// （一） (一) 一、 1、 1. 1． 1） (1) ① ⑴ ⒈ 第一 一是 a) and bullet marks (• · ● ■ ◆ ▪ - — ※), with ASCII or full-width
    /// digits and brackets.
    /// </summary>
    [GeneratedRegex(@"^\s*(?:[（(]\s*[0-9０-９一二三四五六七八九十百零〇]+\s*[）)]|[0-9０-９]+\s*[、.．)）:：]|[一二三四五六七八九十百零〇]+\s*[、.．是]|第[一二三四五六七八九十百零〇0-9０-９]+|[①-⑳⑴-⒇⒈-⒛]|[a-zA-Zａ-ｚＡ-Ｚ]\s*[)）.．、]|[•·●○■□◆◇▪▫※\-—–*])")]
    private static partial Regex OwnMark();

    public static bool HasOwnMark(string? item) => item is not null && OwnMark().IsMatch(item);
}
