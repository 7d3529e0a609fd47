using System.Text;
using Pipeline.Core;

namespace Pipeline.Core.Tests;

/// <summary>Locates the repository's samples/ folder and builds small inputs.</summary>
public static class TestFiles
{
    private static readonly Lazy<string> Samples = new(FindSamples);

    /// <summary>The repository's samples/ folder (PIPELINE_SAMPLES overrides, for test runs outside the tree).</summary>
    public static string SamplesDirectory => Samples.Value;

    public static string Sample(string prefix) =>
        Directory.GetFiles(SamplesDirectory, prefix + "_*.txt").Single();

    public static byte[] SampleBytes(string prefix) => File.ReadAllBytes(Sample(prefix));

    public static IEnumerable<string> AllSamples() => Directory.GetFiles(SamplesDirectory, "*.txt").Order();

    public static ReportAnalysis AnalyzeText(string text, AgencyContext? agency = null, AnalysisOptions? options = null) =>
        ReportAnalyzer.Analyze(Encoding.UTF8.GetBytes(text), "test.txt", agency, options);

    /// <summary>A minimal well-formed report with a header; tests vary one line at a time.</summary>
    public static string Report(
        string indexCode = "00638229X4/2019-1513549",
        string publisher = "北景港镇",
        string scope = "主动公开",
        string generated = "2019-03-12",
        string released = "2019-03-12",
        string body = "本年度报告根据《中华人民共和国政府信息公开条例》编制。") =>
        $"""
        - 索引号:{indexCode}
        - 发布机构:{publisher}
        - 公开范围:{scope}
        - 生成日期:{generated}
        - 公开日期:{released}
        华容县北景港镇2018年度政府信息公开工作年度报告
        {body}
        一、概述
        全年主动公开政府信息147条。
        华容县北景港镇人民政府
        2019年3月11日
        """;

    public static AgencyContext Beijinggang { get; } =
        new("beijinggang", "华容县北景港镇人民政府", ["北景港镇"], "00638229X4");

    private static string FindSamples()
    {
        if (Environment.GetEnvironmentVariable("PIPELINE_SAMPLES") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, "README.md"))) return candidate;
        }
        throw new DirectoryNotFoundException("samples/ not found above " + AppContext.BaseDirectory);
    }
}
