using System.Text.RegularExpressions;

namespace Pipeline.Core.Decoding;

/// <summary>
/// Removes running headers, footers and page numbers: lines in the top or bottom band of a page that are a page number
/// (— 1 —, - 1 -, 第1页 共7页, 1/7, Page 1 of 7) or that repeat (digits aside) at the same edge of at least half the
/// pages. A line set larger than the body text is never furniture: that keeps a title that a running header repeats.
/// </summary>
internal static partial class PdfPageFurniture
{
    /// <summary>Share of the page height at the top and at the bottom where headers and footers live.</summary>
    private const double BandShare = 0.12;

    public static void Remove(List<PdfPageLayout> pages, double bodySize)
    {
        var candidates = new List<(PdfPageLayout Page, PdfPageItem Item, string Key, bool Top)>();
        foreach (var page in pages)
        {
            var lines = page.Items.Where(i => i.Line is not null).ToList();
            foreach (var item in lines.Take(2))
                if (item.Line!.Baseline > page.Height * (1 - BandShare)) candidates.Add((page, item, Key(item.Line.Text), true));
            foreach (var item in lines.TakeLast(2))
                if (item.Line!.Top < page.Height * BandShare) candidates.Add((page, item, Key(item.Line.Text), false));
        }

        var repeated = candidates.GroupBy(c => (c.Key, c.Top))
            .Where(g => pages.Count >= 2 && g.Select(c => c.Page.Number).Distinct().Count() >= Math.Max(2, (pages.Count + 1) / 2))
            .Select(g => g.Key).ToHashSet();

        foreach (var (page, item, key, top) in candidates)
        {
            if (item.Line!.Size > bodySize * 1.1) continue;
            if (IsPageNumber(item.Line.Text) || repeated.Contains((key, top)))
                page.Items.Remove(item);
        }
    }

    public static bool IsPageNumber(string text)
    {
        var compact = Spaces().Replace(text, "");
        return PageNumber().IsMatch(compact);
    }

    /// <summary>The line with digits and spaces taken out, so "第2页" and "第3页" compare equal.</summary>
    private static string Key(string text) => Digits().Replace(Spaces().Replace(text, ""), "#");

    [GeneratedRegex(@"[\s\u3000]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^(?:[-—–－~·•]*\d{1,4}[-—–－~·•]*|第\d{1,4}页[,，]?(?:共\d{1,4}页)?|共\d{1,4}页[,，]?第\d{1,4}页|\d{1,4}/\d{1,4}|(?i:page)\d{1,4}(?:(?i:of)\d{1,4})?)$")]
    private static partial Regex PageNumber();
}
