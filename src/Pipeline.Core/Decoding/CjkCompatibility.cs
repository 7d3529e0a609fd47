using System.Text;

namespace Pipeline.Core.Decoding;

/// <summary>
/// Maps the look-alike code points that PDF producers emit for CJK glyphs back to the ideographs a reader types and
/// searches for. Fonts such as Noto CJK map some glyphs to Kangxi radicals (⼈ U+2F08 for 人) or to CJK radicals
/// supplement forms (⺠ U+2EA0 for 民) in their ToUnicode tables; Chromium's print to PDF shows this. Kangxi radicals and
/// compatibility ideographs have NFKC decompositions; the supplement forms have none, so the common ones are listed here.
/// Ligatures (ﬁ) are decomposed too. Everything else, full-width punctuation included, is kept as written.
/// </summary>
public static class CjkCompatibility
{
    private static readonly Dictionary<char, char> RadicalSupplement = new()
    {
        ['⺟'] = '母', ['⺠'] = '民', ['⺩'] = '王', ['⺫'] = '目', ['⺬'] = '示', ['⺮'] = '竹', ['⺶'] = '羊', ['⻁'] = '虎',
        ['⻄'] = '西', ['⻅'] = '见', ['⻆'] = '角', ['⻈'] = '讠', ['⻉'] = '贝', ['⻋'] = '车', ['⻓'] = '长', ['⻔'] = '门',
        ['⻘'] = '青', ['⻚'] = '页', ['⻛'] = '风', ['⻜'] = '飞', ['⻝'] = '食', ['⻢'] = '马', ['⻣'] = '骨', ['⻤'] = '鬼',
        ['⻥'] = '鱼', ['⻦'] = '鸟', ['⻨'] = '麦', ['⻩'] = '黄', ['⻬'] = '齐', ['⻮'] = '齿', ['⻰'] = '龙', ['⻳'] = '龟',
        ['⺁'] = '厂', ['⺇'] = '几', ['⺌'] = '小', ['⺍'] = '小', ['⺗'] = '心', ['⺝'] = '月', ['⺤'] = '爫',
        ['⺧'] = '牛', ['⺨'] = '犭', ['⺪'] = '疋', ['⺭'] = '礻', ['⺯'] = '糸', ['⺰'] = '纟', ['⺳'] = '网', ['⺹'] = '耂',
        ['⺼'] = '肉', ['⻊'] = '足', ['⻌'] = '辶', ['⻍'] = '辶', ['⻎'] = '辶', ['⻏'] = '阝', ['⻖'] = '阝', ['⻑'] = '長',
    };

    /// <summary>True when the text holds nothing to map (the common case: no allocation).</summary>
    private static bool NeedsMapping(char c) =>
        c is >= '\u2E80' and <= '\u2FDF' || c is >= '\uF900' and <= '\uFAFF' || c is >= '\uFB00' and <= '\uFB06';

    public static string Normalize(string text)
    {
        var first = -1;
        for (var i = 0; i < text.Length; i++)
            if (NeedsMapping(text[i])) { first = i; break; }
        if (first < 0) return text;

        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsMapping(c)) sb.Append(c);
            else if (RadicalSupplement.TryGetValue(c, out var mapped)) sb.Append(mapped);
            else sb.Append(c.ToString().Normalize(NormalizationForm.FormKC));
        }
        return sb.ToString();
    }
}
