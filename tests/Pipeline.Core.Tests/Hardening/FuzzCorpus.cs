using System.Text;
using System.Text.Json;
using Pipeline.Core;

namespace Pipeline.Core.Tests.Hardening;

/// <summary>One generated input: a stable name (kind, base, seed), the upload's file name and bytes, and the agency it is uploaded as.</summary>
public sealed record FuzzCase(string Name, string FileName, byte[] Bytes, AgencyContext Agency, PrivacyMode Privacy);

/// <summary>
/// A deterministic corpus of hostile and broken uploads. Every base file (each sample plus synthetic well-formed
/// reports) goes through every mutation with a fixed seed, so a failing case is reproduced by its name alone.
/// </summary>
public static class FuzzCorpus
{
    public const int Seed = 20261122;

    /// <summary>Cheap mutations applied <see cref="SeedsPerMutation"/> times to every base file.</summary>
    public const int SeedsPerMutation = 40;

    private static readonly Encoding Gb18030;

    static FuzzCorpus()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding("GB18030");
    }

    private static readonly string[] Injections =
    [
        "<script>alert('x')</script>",
        "\"><img src=x onerror=alert(1)>",
        "</title><script>alert(2)</script>",
        "<svg/onload=alert(3)>",
        "javascript:alert(4)",
        "<iframe src=\"javascript:alert(5)\"></iframe>",
        "]]><!--<script>-->",
        "&lt;script&gt;&#x3C;script&#x3E;",
        "{{constructor.constructor('alert(6)')()}}",
        "<a href=\"javascript:alert(7)\">点击</a>",
        "<style>body{display:none}</style>",
        "<math><mi xlink:href=\"javascript:alert(8)\">x</mi></math>",
    ];

    private static readonly char[] BidiControls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    private static readonly char[] ZeroWidth = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u180E', '\u00AD'];
    private static readonly string[] NumberingLevels = ["一、", "(一)", "（一）", "1.", "1、", "(1)", "（1）", "①", "第一章", "第一节", "A.", "a)", "1.1", "1.1.1"];

    /// <summary>The whole corpus, in a fixed order.</summary>
    public static IEnumerable<FuzzCase> All()
    {
        var agencies = HardeningFiles.Agencies();
        var bases = BaseFiles(agencies).ToList();
        var mutations = Mutations();
        foreach (var (baseName, bytes, agency) in bases)
        {
            foreach (var (mutationName, mutate) in mutations)
            {
                for (var seed = 0; seed < SeedsPerMutation; seed++)
                {
                    var random = new Random(HashCode.Combine(Seed, StableHash(baseName), StableHash(mutationName), seed) & int.MaxValue);
                    var privacy = seed % 2 == 0 ? PrivacyMode.HoldForReview : PrivacyMode.PublishMasked;
                    yield return new FuzzCase($"{mutationName}/{baseName}/{seed}", baseName, mutate(bytes, random), agency, privacy);
                }
            }
        }

        // Heavy shapes: once per base file (each costs real work, which is the point).
        foreach (var (baseName, bytes, agency) in bases)
        {
            var text = Decode(bytes);
            var random = new Random(Seed ^ StableHash(baseName));
            yield return new FuzzCase($"one-megabyte-line/{baseName}", baseName, Encoding.UTF8.GetBytes(OneMegabyteLine(text, random)), agency, PrivacyMode.HoldForReview);
            yield return new FuzzCase($"hundred-thousand-lines/{baseName}", baseName, Encoding.UTF8.GetBytes(HundredThousandLines(text, random)), agency, PrivacyMode.HoldForReview);
            yield return new FuzzCase($"deep-numbering/{baseName}", baseName, Encoding.UTF8.GetBytes(DeepNumbering(text, 3_000)), agency, PrivacyMode.HoldForReview);
            yield return new FuzzCase($"thousands-of-cells/{baseName}", baseName, Encoding.UTF8.GetBytes(ThousandsOfCells(text, 400, 25)), agency, PrivacyMode.HoldForReview);
            yield return new FuzzCase($"repeated-body/{baseName}", baseName, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text + "\n", 200))), agency, PrivacyMode.HoldForReview);
        }

        var any = agencies["beijinggang"];
        var bytesRandom = new Random(Seed);
        for (var i = 0; i < 300; i++)
        {
            var length = i < 10 ? i : bytesRandom.Next(1, i % 10 == 0 ? 200_000 : 4_000);
            var data = new byte[length];
            bytesRandom.NextBytes(data);
            yield return new FuzzCase($"random-bytes/{i}", i % 3 == 0 ? $"r{i}.docx" : $"r{i}.txt", data, any, PrivacyMode.HoldForReview);
        }
        for (var i = 0; i < 100; i++)
        {
            // Random valid text: random code points from the ranges reports use, with random line breaks.
            var sb = new StringBuilder();
            var count = bytesRandom.Next(1, 5_000);
            for (var c = 0; c < count; c++)
                sb.Append(bytesRandom.Next(10) switch
                {
                    0 => '\n',
                    1 => (char)bytesRandom.Next(0x20, 0x7F),
                    2 => (char)bytesRandom.Next(0x3000, 0x303F),
                    3 => (char)bytesRandom.Next(0xFF00, 0xFFEF),
                    _ => (char)bytesRandom.Next(0x4E00, 0x9FA5),
                });
            yield return new FuzzCase($"random-text/{i}", $"t{i}.txt", Encoding.UTF8.GetBytes(sb.ToString()), any, PrivacyMode.HoldForReview);
        }

        foreach (var (name, bytes) in HostileDocx.All())
            yield return new FuzzCase(name, name + ".docx", bytes, any, PrivacyMode.HoldForReview);
    }

    /// <summary>The samples (each with the agency that uploads it) plus synthetic reports with full headers and injections.</summary>
    private static IEnumerable<(string Name, byte[] Bytes, AgencyContext Agency)> BaseFiles(IReadOnlyDictionary<string, AgencyContext> agencies)
    {
        foreach (var (file, folder) in HardeningFiles.SampleAgencies)
            yield return (file, File.ReadAllBytes(Path.Combine(HardeningFiles.SamplesDirectory, file)), agencies[folder]);
        yield return ("synthetic-header.txt", Encoding.UTF8.GetBytes(SyntheticReport("")), agencies["beijinggang"]);
        yield return ("synthetic-injection.txt", Encoding.UTF8.GetBytes(SyntheticReport(string.Join("\n", Injections))), agencies["beijinggang"]);
    }

    private static string SyntheticReport(string extraBody) => $"""
        - 索引号:00638229X4/2019-1513549
        - 发布机构:北景港镇
        - 公开范围:主动公开
        - 生成日期:2019-03-12
        - 公开日期:2019-03-12
        华容县北景港镇2018年度政府信息公开工作年度报告<b>标题</b>
        一、概述
        全年主动公开政府信息147条。{extraBody}
        (一)主动公开情况
        1.通过网站公开
        统计数 |
        收到申请数 | 件 | 3
        当面申请数 | 件 | 1
        二、存在的问题
        联系电话:0730-4512345,邮箱 gov@example.cn
        华容县北景港镇人民政府
        2019年3月11日
        """;

    private delegate byte[] Mutation(byte[] input, Random random);

    private static List<(string Name, Mutation Mutate)> Mutations() =>
    [
        ("truncate", (b, r) => b[..r.Next(b.Length + 1)]),
        ("truncate-multibyte", (b, r) => TruncateInsideCharacters(b, r)),
        ("mixed-encodings", (b, r) => MixedEncodings(b, r)),
        ("bom-in-middle", (b, r) => InsertAt(b, r, r.Next(4) switch { 0 => [0xEF, 0xBB, 0xBF], 1 => [0xFF, 0xFE], 2 => [0xFE, 0xFF], _ => [0x84, 0x31, 0x95, 0x33] })),
        ("nuls", (b, r) => Repeat(b, r, 1 + r.Next(50), (x, rr) => InsertAt(x, rr, new byte[1 + rr.Next(8)]))),
        ("bit-flips", (b, r) => Repeat(b, r, 1 + r.Next(30), (x, rr) => FlipBit(x, rr))),
        ("byte-splice", (b, r) => Splice(b, r)),
        ("utf16", (b, r) => Utf16(b, r)),
        ("bidi-controls", (b, r) => InsertChars(b, r, BidiControls, 1 + r.Next(40))),
        ("zero-width", (b, r) => InsertChars(b, r, ZeroWidth, 1 + r.Next(80))),
        ("injection", (b, r) => InsertLine(b, r, Injections[r.Next(Injections.Length)])),
        ("header-values", (b, r) => HeaderValues(b, r)),
        ("line-endings", (b, r) => LineEndings(b, r)),
        ("shuffle-lines", (b, r) => ShuffleLines(b, r)),
        ("numbering", (b, r) => InsertLine(b, r, string.Concat(Enumerable.Range(0, 1 + r.Next(30)).Select(_ => NumberingLevels[r.Next(NumberingLevels.Length)])) + "标题")),
        ("pipes", (b, r) => InsertLine(b, r, string.Join("|", Enumerable.Range(0, r.Next(200)).Select(i => r.Next(3) == 0 ? "" : i.ToString())))),
        ("personal-data", (b, r) => InsertLine(b, r, PersonalData(r))),
    ];

    private static byte[] Repeat(byte[] b, Random r, int times, Mutation mutation)
    {
        for (var i = 0; i < times; i++) b = mutation(b, r);
        return b;
    }

    private static byte[] InsertAt(byte[] b, Random r, byte[] insert)
    {
        var at = r.Next(b.Length + 1);
        return [.. b.AsSpan(0, at), .. insert, .. b.AsSpan(at)];
    }

    private static byte[] FlipBit(byte[] b, Random r)
    {
        if (b.Length == 0) return b;
        var copy = (byte[])b.Clone();
        copy[r.Next(copy.Length)] ^= (byte)(1 << r.Next(8));
        return copy;
    }

    /// <summary>Cuts out a random range and pastes a random range elsewhere (duplicated and dangling fragments).</summary>
    private static byte[] Splice(byte[] b, Random r)
    {
        if (b.Length < 2) return b;
        var from = r.Next(b.Length);
        var length = r.Next(Math.Min(2_000, b.Length - from) + 1);
        var fragment = b.AsSpan(from, length).ToArray();
        var cut = r.Next(b.Length);
        var rest = b.Take(cut).Concat(b.Skip(Math.Min(b.Length, cut + r.Next(500)))).ToArray();
        return InsertAt(rest, r, fragment);
    }

    /// <summary>Drops trailing bytes of random multi-byte UTF-8 sequences, leaving lone lead bytes.</summary>
    private static byte[] TruncateInsideCharacters(byte[] b, Random r)
    {
        var list = b.ToList();
        for (var n = 0; n < 1 + r.Next(20) && list.Count > 0; n++)
        {
            var start = r.Next(list.Count);
            for (var i = start; i < list.Count; i++)
            {
                if (list[i] >= 0xE0 && i + 2 < list.Count)
                {
                    list.RemoveRange(i + 1, 1 + r.Next(2));
                    break;
                }
            }
        }
        return list.ToArray();
    }

    /// <summary>Some lines re-encoded as GB18030 (or UTF-16) inside an otherwise UTF-8 file.</summary>
    private static byte[] MixedEncodings(byte[] b, Random r)
    {
        var lines = Decode(b).Split('\n');
        using var output = new MemoryStream();
        foreach (var line in lines)
        {
            var encoding = r.Next(4) switch { 0 => Gb18030, 1 when r.Next(5) == 0 => Encoding.Unicode, _ => Encoding.UTF8 };
            output.Write(encoding.GetBytes(line + "\n"));
        }
        return output.ToArray();
    }

    private static byte[] Utf16(byte[] b, Random r)
    {
        var text = Decode(b);
        var encoding = r.Next(2) == 0 ? Encoding.Unicode : Encoding.BigEndianUnicode;
        var body = encoding.GetBytes(text);
        byte[] result = r.Next(2) == 0 ? [.. encoding.GetPreamble(), .. body] : body;
        return r.Next(3) == 0 && result.Length > 0 ? result[..^1] : result; // odd length: a half character at the end
    }

    private static byte[] InsertChars(byte[] b, Random r, char[] pool, int count)
    {
        var text = new StringBuilder(Decode(b));
        for (var i = 0; i < count; i++) text.Insert(r.Next(text.Length + 1), pool[r.Next(pool.Length)]);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] InsertLine(byte[] b, Random r, string line)
    {
        var lines = Decode(b).Split('\n').ToList();
        lines.Insert(r.Next(lines.Count + 1), line);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    /// <summary>Header lines with hostile or impossible values, placed at the top where the header reader looks.</summary>
    private static byte[] HeaderValues(byte[] b, Random r)
    {
        string[] keys = ["索引号", "发布机构", "公开范围", "生成日期", "公开日期", "文号", "时间", "标题"];
        string[] values =
        [
            "00638229X4/2019-1513549", "../../etc/passwd", "00638229X4/99999-1", "A/2019-" + new string('9', 400), "", "\u202Eevil", "9999-99-99",
            "2019-02-30", "0000-00-00", "二O一九年十三月四十日", "依申请公开", "不予公开", "主动公开" + Injections[r.Next(Injections.Length)],
            new string('索', 5_000), "41133021X7/2018-1", "/", "-", "%2F%2E%2E", "2019年3月11日", "20191311",
        ];
        var header = new StringBuilder();
        for (var i = 0; i < 1 + r.Next(8); i++)
            header.Append(r.Next(2) == 0 ? "- " : "").Append(keys[r.Next(keys.Length)]).Append(r.Next(2) == 0 ? ":" : "：").Append(values[r.Next(values.Length)]).Append('\n');
        return [.. Encoding.UTF8.GetBytes(header.ToString()), .. b];
    }

    private static byte[] LineEndings(byte[] b, Random r)
    {
        var text = Decode(b).Replace("\r\n", "\n");
        var ending = r.Next(5) switch { 0 => "\r", 1 => "\r\n", 2 => "\u2028", 3 => "\u0085", _ => "\n\n\n" };
        return Encoding.UTF8.GetBytes(text.Replace("\n", ending));
    }

    private static byte[] ShuffleLines(byte[] b, Random r)
    {
        var lines = Decode(b).Split('\n');
        r.Shuffle(lines);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static string PersonalData(Random r) => r.Next(4) switch
    {
        0 => $"联系人手机:1{r.Next(3, 10)}{r.Next(0, 1_000_000_000):D9}",
        1 => $"身份证号:{r.Next(110000, 660000)}19{r.Next(50, 99)}0{r.Next(1, 9)}1{r.Next(0, 9)}{r.Next(100, 999)}{(r.Next(11) == 10 ? "X" : r.Next(10).ToString())}",
        2 => $"个人邮箱:zhang{r.Next(1000)}@qq.com",
        _ => $"手机:+86 1{r.Next(3, 10)}{r.Next(0, 100):D2}-{r.Next(0, 10_000):D4}-{r.Next(0, 10_000):D4}",
    };

    private static string OneMegabyteLine(string text, Random r)
    {
        var line = new StringBuilder(1_100_000);
        while (line.Length < 1_048_576) line.Append("全年主动公开政府信息147条,其中一、(一)1.①各类信息").Append(r.Next()).Append('|');
        var lines = text.Split('\n').ToList();
        lines.Insert(r.Next(lines.Count + 1), line.ToString());
        return string.Join('\n', lines);
    }

    private static string HundredThousandLines(string text, Random r)
    {
        var sb = new StringBuilder(text).Append('\n');
        string[] tiny = ["一", "|", "1.", "", " ", "(一)", "甲", "2019年", "Top", "时间:"];
        for (var i = 0; i < 100_000; i++) sb.Append(tiny[r.Next(tiny.Length)]).Append('\n');
        return sb.ToString();
    }

    private static string DeepNumbering(string text, int lines)
    {
        var sb = new StringBuilder(text).Append('\n');
        string[] digits = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
        for (var i = 0; i < lines; i++)
        {
            var depth = i % NumberingLevels.Length;
            sb.Append(new string(' ', depth)).Append(NumberingLevels[depth].Replace("一", digits[i % 10]).Replace("1", (i % 9 + 1).ToString()))
                .Append("第").Append(i).Append("级标题").Append('\n');
            sb.Append(string.Join('.', Enumerable.Range(1, 1 + i % 40))).Append(" 多级编号\n");
        }
        return sb.ToString();
    }

    private static string ThousandsOfCells(string text, int rows, int columns)
    {
        var sb = new StringBuilder(text).Append("\n统计数 |\n");
        for (var r = 0; r < rows; r++)
        {
            sb.Append(r % 7 == 0 ? "(一)" : r % 3 == 0 ? "1." : "").Append("指标").Append(r);
            for (var c = 0; c < columns; c++) sb.Append(" | ").Append(c % 5 == 0 ? "" : (r * c).ToString());
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Decode(byte[] b) => Encoding.UTF8.GetString(b);

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomised per process).</summary>
    private static int StableHash(string s)
    {
        unchecked
        {
            var h = 17;
            foreach (var c in s) h = h * 31 + c;
            return h;
        }
    }
}

/// <summary>Repository files the hardening tests read: samples and the agency registry seed.</summary>
public static class HardeningFiles
{
    /// <summary>Each sample with the agency folder that uploads it in the demo (samples/README.md).</summary>
    public static readonly IReadOnlyList<(string File, string Folder)> SampleAgencies =
    [
        ("000_3a992edef16595c6.txt", "tongbai-wenguang"),
        ("001_ae51e28a24af67cf.txt", "beijinggang"),
        ("002_3d0e3754e0282e9d.txt", "gaoping"),
        ("003_604940e7fa6e3121.txt", "pingliang"),
        ("004_36d30baabf84237e.txt", "hebi"),
    ];

    public static string Root { get; } = FindRoot();
    public static string SamplesDirectory => Path.Combine(Root, "samples");

    /// <summary>The agencies of config/agencies.json as analysis contexts, by folder.</summary>
    public static IReadOnlyDictionary<string, AgencyContext> Agencies()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, "config", "agencies.json")));
        return doc.RootElement.GetProperty("agencies").EnumerateArray().ToDictionary(
            a => a.GetProperty("folder").GetString()!,
            a => new AgencyContext(
                a.GetProperty("folder").GetString()!,
                a.GetProperty("publisherName").GetString()!,
                a.GetProperty("aliases").EnumerateArray().Select(x => x.GetString()!).ToList(),
                a.GetProperty("organisationCode").GetString()));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
