using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Pipeline.Core;
using Pipeline.Site;
using Pipeline.Site.Reports;

namespace Pipeline.Benchmarks;

/// <summary>
/// Core throughput on the real samples: analyse (decode + clean + parse + metadata + validate) and analyse + render the
/// report page. Extra columns give input MB/s, reports/s and bytes allocated per input byte, the figures the goal is
/// stated in (>= 50 MB/s per core, < 5x input allocated).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class CoreBenchmarks
{
    private static readonly SiteOptions Site = new();
    private readonly ArrayBufferWriter<byte> _page = new(256 * 1024);
    private byte[] _input = [];

    [ParamsSource(nameof(SampleNames))]
    public string Sample { get; set; } = "";

    public static IEnumerable<string> SampleNames() => Samples.Names;

    [GlobalSetup]
    public void Setup() => _input = Samples.Read(Sample);

    [Benchmark(Baseline = true)]
    public ReportAnalysis Analyze() => ReportAnalyzer.Analyze(_input, Sample);

    [Benchmark]
    public int AnalyzeAndRender()
    {
        var analysis = ReportAnalyzer.Analyze(_input, Sample);
        _page.ResetWrittenCount();
        ReportPageRenderer.Render(new ReportPageModel(analysis.Document, PageMetadata.From(analysis.Metadata, Sample)), Site, _page);
        return _page.WrittenCount;
    }
}

/// <summary>The repository's samples/ folder, each sample named by its number (000..004).</summary>
public static class Samples
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        if (Environment.GetEnvironmentVariable("PIPELINE_SAMPLES") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples");
            if (File.Exists(Path.Combine(candidate, "README.md"))) return candidate;
        }
        throw new DirectoryNotFoundException("samples/ not found; set PIPELINE_SAMPLES");
    });

    public static IEnumerable<string> Names =>
        System.IO.Directory.GetFiles(Directory.Value, "*.txt").Select(Path.GetFileName).Order().Select(n => n![..3]);

    public static string PathOf(string name) => System.IO.Directory.GetFiles(Directory.Value, name + "_*.txt").Single();

    public static byte[] Read(string name) => File.ReadAllBytes(PathOf(name));
}

public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        // A few short iterations: the machine's cores are shared, and per-report times are around a millisecond.
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithId("short"));
        AddColumn(new ThroughputColumn(ThroughputColumn.Kind.MegabytesPerSecond));
        AddColumn(new ThroughputColumn(ThroughputColumn.Kind.ReportsPerSecond));
        AddColumn(new ThroughputColumn(ThroughputColumn.Kind.AllocatedPerInputByte));
    }
}

/// <summary>Input MB/s, reports/s and allocated bytes per input byte, computed from the measured mean and memory.</summary>
public sealed class ThroughputColumn(ThroughputColumn.Kind kind) : IColumn
{
    public enum Kind { MegabytesPerSecond, ReportsPerSecond, AllocatedPerInputByte }

    public string Id => nameof(ThroughputColumn) + kind;
    public string ColumnName => kind switch
    {
        Kind.MegabytesPerSecond => "MB/s",
        Kind.ReportsPerSecond => "Reports/s",
        _ => "Alloc/Input",
    };
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => (int)kind;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => kind switch
    {
        Kind.MegabytesPerSecond => "Input megabytes (2^20 bytes) processed per second, one thread",
        Kind.ReportsPerSecond => "Reports processed per second, one thread",
        _ => "Bytes allocated per byte of input",
    };

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats) return "-";
        var sample = benchmarkCase.Parameters["Sample"] as string ?? "";
        var inputBytes = new FileInfo(Samples.PathOf(sample)).Length;
        var seconds = stats.Mean / 1e9;
        return kind switch
        {
            Kind.MegabytesPerSecond => (inputBytes / 1048576.0 / seconds).ToString("F1"),
            Kind.ReportsPerSecond => (1 / seconds).ToString("F0"),
            _ => (report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is { } allocated ? allocated / (double)inputBytes : double.NaN).ToString("F2"),
        };
    }
}
