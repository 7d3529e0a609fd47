using System.Globalization;
using System.Text;

namespace Pipeline.Core.Classification;

/// <summary>
/// The one normalisation applied to text before a rule that decides publication (public scope, privacy context)
/// looks at it: NFKC (full-width letters and punctuation, NBSP and the ideographic space, compatibility ideographs and
/// Kangxi radicals fold to their plain forms), invisible and format characters removed (zero-width space, ZWNJ/ZWJ,
/// word joiner, soft hyphen, BOM, bidi marks and isolates, variation selectors, combining marks left over), whitespace
/// between two Han characters removed (依 申 请 公 开 → 依申请公开), other whitespace runs folded to one space, and the
/// traditional forms of the characters in the words those rules look for folded to simplified (依申請公開 → 依申请公开).
/// </summary>
/// <remarks>
/// Only for classifying: pages always show what was written. The traditional→simplified table covers the characters
/// of the words the classification rules use (scope markers, contact and person labels), not Chinese at large — a
/// general converter would be a large dependency for a handful of words, and a word it does not know is not a word
/// any rule looks for.
/// </remarks>
public static class ClassificationText
{
    /// <summary>Traditional (and variant) forms of the characters the classification words use, with their simplified form.</summary>
    private const string Traditional = "請開動內範圍屬機關閉絕暫緩審權與僅限會眾對體網頁電話號碼聯繫係郵監諮詢辦熱線舉報訴處廳縣鎮鄉區務員經負責個證護單傳門戶團義黨發佈遞訊詳齊於為條隊館編當師長問應無";
    private const string Simplified = "请开动内范围属机关闭绝暂缓审权与仅限会众对体网页电话号码联系系邮监咨询办热线举报诉处厅县镇乡区务员经负责个证护单传门户团义党发布递讯详齐于为条队馆编当师长问应无";

    private static readonly Dictionary<char, char> ToSimplified = BuildFold();

    private static Dictionary<char, char> BuildFold()
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i < Traditional.Length; i++)
            if (Traditional[i] != Simplified[i]) map[Traditional[i]] = Simplified[i];
        return map;
    }

    /// <summary>The classification form of <paramref name="text"/> (empty for null).</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        string nfkc;
        try
        {
            nfkc = text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalised; drop them and go on (they carry no meaning).
            nfkc = new string(text.Where(c => !char.IsSurrogate(c)).ToArray()).Normalize(NormalizationForm.FormKC);
        }

        var sb = new StringBuilder(nfkc.Length);
        var pendingSpace = false;
        foreach (var rune in nfkc.EnumerateRunes())
        {
            if (IsInvisible(rune)) continue;
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            var c = rune.IsBmp && ToSimplified.TryGetValue((char)rune.Value, out var simple) ? new Rune(simple) : rune;
            if (pendingSpace && !(IsHan(c) && EndsWithHan(sb))) sb.Append(' ');
            pendingSpace = false;
            if (c.IsBmp) sb.Append((char)c.Value);
            else sb.Append(char.ConvertFromUtf32(c.Value)); // rare: supplementary-plane characters
        }
        return sb.ToString();
    }

    /// <summary>
    /// Characters that show nothing: format characters (Cf: ZWSP, ZWNJ, ZWJ, word joiner, soft hyphen, BOM, bidi
    /// marks/embeddings/isolates, invisible operators, tags), variation selectors and combining marks (which NFKC
    /// leaves only when they follow nothing they compose with), and the Hangul/Braille blanks that render empty.
    /// </summary>
    public static bool IsInvisible(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) return true;
        return rune.Value is 0x034F or 0x115F or 0x1160 or 0x180B or 0x180C or 0x180D or 0x180E or 0x180F or 0x2800 or 0x3164 or 0xFFA0
            or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);
    }

    /// <summary>A character that is invisible as a single UTF-16 unit (see <see cref="IsInvisible(Rune)"/>); surrogates are not.</summary>
    public static bool IsInvisible(char c) => !char.IsSurrogate(c) && IsInvisible(new Rune(c));

    /// <summary>CJK unified ideographs (all planes) and the ideographic zero 〇.</summary>
    public static bool IsHan(Rune rune) => rune.Value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or 0x3007
        or (>= 0x20000 and <= 0x3FFFF) or (>= 0xF900 and <= 0xFAFF);

    private static bool EndsWithHan(StringBuilder sb)
    {
        if (sb.Length == 0) return false;
        var last = sb[^1];
        if (char.IsLowSurrogate(last) && sb.Length >= 2) return IsHan(new Rune(sb[^2], last));
        return !char.IsSurrogate(last) && IsHan(new Rune(last));
    }
}
