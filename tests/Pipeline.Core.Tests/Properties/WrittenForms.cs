using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Pipeline.Core.Tests.Properties;

/// <summary>
/// Generators of the ways a known mobile number, resident ID number or not-public scope can be written in an upload:
/// any grouping, any separator (and mixed ones), invisible characters between the digits, full-width, Chinese-numeral
/// and other Unicode digits, prefixes, parentheses; spaced-out, traditional, invisible-laced and next-line scopes.
/// Each attack the issue (#16 item 1) reproduced by hand is one of the shapes generated here.
/// </summary>
public static class WrittenForms
{
    public static readonly string[] Mobiles = ["13912345678", "18598936331", "15001020304", "17788990011", "19910000000", "13800138000"];

    // Valid GB 11643 numbers (check character computed in ResidentIds below).
    public static readonly string[] ResidentIds = [
        "11010519491231002X", WithCheck("44030619850704211"), WithCheck("35058219920301003"), WithCheck("62080220011009104"),
    ];

    public static readonly string[] Invisibles =
        ["\u200B", "\u200C", "\u200D", "\u2060", "\u00AD", "\uFEFF", "\u200E", "\u200F", "\u202A", "\u202C", "\u2066", "\u2069", "\uFE0F", "\u2061", "\u180E"];

    public static readonly string[] Separators =
        [" ", "-", "\u2013", "\u2014", "/", "_", ".", "\u00A0", "\u3000", "\u2009", "\u202F", "\uFF0D", "\uFF0F", "\uFF3F", "\uFF0E", "\u00B7", "\u2010", "\u2212", " - ", " / ", "  "];

    private static readonly string[] MobilePrefixes =
        ["", "TEL", "Tel:", "tel ", "TEL:", "Mobile:", "+86", "+86 ", "+86-", "86-", "86 ", "(86)", "（86）", "0086 ", "0086-", "＋86 ", "+(86)"];

    private static readonly string[] MobileContexts =
        ["手机：{0}。", "联系人：张三，手机{0}。", "填报人：刘某 联系电话：{0}", "申请人电话{0}", "{0}", "如有疑问请致电{0}，谢谢。", "联系方式 {0}"];

    private static readonly string[] IdContexts = ["身份证号：{0}。", "申请人张三（身份证{0}）", "{0}", "证件号码 {0}"];

    private static readonly int[][] MobileGroupings = [[11], [3, 4, 4], [3, 8], [7, 4], [4, 3, 4], [4, 4, 3], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]];

    private static readonly int[][] IdGroupings = [[18], [6, 8, 4], [6, 4, 4, 4], [3, 3, 8, 4], [6, 12], [17, 1], [2, 2, 2, 8, 4], Enumerable.Repeat(1, 18).ToArray()];

    private static readonly string[] ChineseDigits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>How one digit is written: ASCII, full-width, Chinese numeral (with 〇/○/零 for 0 and 幺 for 1), Arabic-Indic, mathematical bold.</summary>
    private static Gen<string> DigitForm(char digit, int style)
    {
        var d = digit - '0';
        return style switch
        {
            0 => Gen.Constant(digit.ToString()),
            1 => Gen.Constant(((char)('０' + d)).ToString()),
            2 => d switch
            {
                0 => Gen.Elements("〇", "○", "零"),
                1 => Gen.Elements("一", "幺"),
                _ => Gen.Constant(ChineseDigits[d]),
            },
            3 => Gen.Constant(((char)('\u0660' + d)).ToString()),
            _ => Gen.Constant(char.ConvertFromUtf32(0x1D7CE + d)),
        };
    }

    /// <summary>Digit style for the whole number (0–4), or mixed per digit (5): mostly ASCII, full-width and Chinese.</summary>
    private static Gen<int> NumberStyle => Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Constant(1)), (3, Gen.Constant(2)), (1, Gen.Constant(3)), (1, Gen.Constant(4)), (2, Gen.Constant(5)));

    private static Gen<string> Digits(string digits, int style) =>
        digits.Select(c => c is 'X' or 'x'
                ? Gen.Elements("X", "x", "Ｘ")
                : (style == 5 ? Gen.Choose(0, 2) : Gen.Constant(style)).SelectMany(s => DigitForm(c, s)))
            .Aggregate(Gen.Constant(""), (acc, g) => acc.SelectMany(a => g.Select(b => a + b)));

    /// <summary>Writes <paramref name="number"/> in groups, one separator per gap (the same one, or mixed), with invisible characters sprinkled between digits.</summary>
    private static Gen<string> Written(string number, int[][] groupings, bool parenthesise) =>
        from grouping in Gen.Elements(groupings)
        from style in NumberStyle
        from sameSeparator in Gen.Elements(true, false)
        from firstSeparator in Gen.Elements(Separators)
        from separators in Gen.ArrayOf(Gen.Elements(Separators), grouping.Length)
        from invisibleCount in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 4)))
        from invisibleAt in Gen.ArrayOf(Gen.Choose(1, number.Length - 1), invisibleCount)
        from invisibles in Gen.ArrayOf(Gen.Elements(Invisibles), invisibleCount)
        from brackets in parenthesise && grouping.Length > 1 ? Gen.Elements(0, 0, 1, 2) : Gen.Constant(0)
        from digits in Gen.CollectToArray(number.Select(c => Digits(c.ToString(), style)))
        select Compose(digits, grouping, sameSeparator ? Enumerable.Repeat(firstSeparator, grouping.Length).ToArray() : separators,
            invisibleAt.Zip(invisibles).ToArray(), brackets);

    private static string Compose(string[] digits, int[] grouping, string[] separators, (int At, string Char)[] invisibles, int brackets)
    {
        var sb = new StringBuilder();
        var index = 0;
        for (var g = 0; g < grouping.Length; g++)
        {
            if (g > 0 && !(g == 1 && brackets > 0)) sb.Append(separators[g]);
            if (g == 0 && brackets > 0) sb.Append(brackets == 1 ? "(" : "（");
            for (var k = 0; k < grouping[g]; k++, index++)
            {
                foreach (var (at, c) in invisibles)
                    if (at == index) sb.Append(c);
                sb.Append(digits[index]);
            }
            if (g == 0 && brackets > 0) sb.Append(brackets == 1 ? ")" : "）");
        }
        return sb.ToString();
    }

    /// <summary>A line that contains one known mobile number in some written form.</summary>
    public static Gen<NumberForm> MobileLines =>
        from number in Gen.Elements(Mobiles)
        from prefix in Gen.Elements(MobilePrefixes)
        from written in Written(number, MobileGroupings, parenthesise: true)
        from context in Gen.Elements(MobileContexts)
        select new NumberForm(number, string.Format(context, prefix + written));

    /// <summary>A line that contains one known resident ID number in some written form.</summary>
    public static Gen<IdForm> ResidentIdLines =>
        from number in Gen.Elements(ResidentIds)
        from written in Written(number, IdGroupings, parenthesise: false)
        from context in Gen.Elements(IdContexts)
        select new IdForm(number, string.Format(context, written));

    public static readonly string[] NotPublicScopes =
        ["依申请公开", "不予公开", "不公开", "内部", "部分公开", "涉密", "依申请", "内部公开", "暂缓公开", "限制公开", "非公开", "主动公开（依申请）", "主动公开 内部"];

    // Traditional forms of the characters in the scopes above.
    private static readonly Dictionary<char, char> ToTraditional = new() { ['请'] = '請', ['开'] = '開', ['内'] = '內', ['动'] = '動', ['暂'] = '暫', ['缓'] = '緩' };

    /// <summary>A not-public scope value as it may be written: spaced out, invisible characters, traditional, full-width spaces, in brackets.</summary>
    public static Gen<string> NotPublicScopeValues =>
        from scope in Gen.Elements(NotPublicScopes)
        from traditional in Gen.Elements(false, true)
        from spacing in Gen.Elements("", "", " ", "\u3000", "\u00A0", "  ")
        from invisibleCount in Gen.Choose(0, 3)
        from invisibleAt in Gen.ArrayOf(Gen.Choose(0, scope.Length), invisibleCount)
        from invisibles in Gen.ArrayOf(Gen.Elements(Invisibles), invisibleCount)
        select Spell(scope, traditional, spacing, invisibleAt.Zip(invisibles).ToArray());

    private static string Spell(string scope, bool traditional, string spacing, (int At, string Char)[] invisibles)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < scope.Length; i++)
        {
            foreach (var (at, c) in invisibles)
                if (at == i) sb.Append(c);
            if (i > 0 && scope[i] != '（' && scope[i - 1] != '（' && scope[i] != '）' && scope[i] != ' ') sb.Append(spacing);
            sb.Append(traditional && ToTraditional.TryGetValue(scope[i], out var t) ? t : scope[i]);
        }
        return sb.ToString();
    }

    /// <summary>A header that states a not-public scope: on its label's line, or on the line after the label.</summary>
    public static Gen<ScopeForm> NotPublicScopeHeaders =>
        from value in NotPublicScopeValues
        from label in Gen.Elements("公开范围", "公开属性", "公 开 范 围", "公开方式", "公開範圍", "公\u200B开属性")
        from colon in Gen.Elements(":", "：", " : ")
        from nextLine in Gen.Elements(false, false, true)
        select new ScopeForm(value, nextLine ? $"- {label}{colon}\n{value}" : $"- {label}{colon}{value}");

    /// <summary>The minimal report of TestFiles.Report with its scope line replaced by <paramref name="scopeLines"/>.</summary>
    public static string ReportWithScope(string scopeLines) => TestFiles.Report().Replace("- 公开范围:主动公开", scopeLines, StringComparison.Ordinal);

    /// <summary>The minimal report with <paramref name="line"/> added to its body (scope 主动公开).</summary>
    public static string ReportWithBodyLine(string line) => TestFiles.Report(body: "本年度报告根据《中华人民共和国政府信息公开条例》编制。\n" + line);

    private static string WithCheck(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }
}
