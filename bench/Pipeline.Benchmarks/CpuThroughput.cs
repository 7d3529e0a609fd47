using System.Diagnostics;
using Pipeline.Core;
using Pipeline.Site;
using Pipeline.Site.Reports;

namespace Pipeline.Benchmarks;

/// <summary>
/// `Pipeline.Benchmarks --cpu [passes]`: analyses (and renders) every sample repeatedly on one thread and reports input
/// MB per CPU-second as well as per wall-second. On a machine shared with other builds, wall time says more about the
/// neighbours than about this code; the process's CPU time is what one core actually spent.
/// </summary>
public static class CpuThroughput
{
    /// <param name="files">Files to measure instead of the samples (e.g. a template report, to see what reading its tables costs).</param>
    public static int Run(int passes, IReadOnlyList<string>? files = null)
    {
        var inputs = files is { Count: > 0 }
            ? files.Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f))).ToArray()
            : Samples.Names.Select(name => (Name: name, Bytes: Samples.Read(name))).ToArray();
        long bytesPerPass = inputs.Sum(i => (long)i.Bytes.Length);
        var site = new SiteOptions();
        var page = new System.Buffers.ArrayBufferWriter<byte>(256 * 1024);

        Console.WriteLine($"{inputs.Length} files, {bytesPerPass} bytes per pass, {passes} measured passes after 3 x {passes} warm-up passes");
        Console.WriteLine($"{"work",-20} {"MB/CPU-s",9} {"MB/wall-s",10} {"reports/CPU-s",14} {"alloc/input",12}");
        Measure("analyse", passes, inputs, bytesPerPass, (name, bytes) => ReportAnalyzer.Analyze(bytes, name));
        Measure("analyse + render", passes, inputs, bytesPerPass, (name, bytes) =>
        {
            var analysis = ReportAnalyzer.Analyze(bytes, name);
            page.ResetWrittenCount();
            ReportPageRenderer.Render(new ReportPageModel(analysis.Document, PageMetadata.From(analysis.Metadata, name)), site, page);
        });
        return 0;
    }

    private static void Measure(string label, int passes, (string Name, byte[] Bytes)[] inputs, long bytesPerPass, Action<string, byte[]> work)
    {
        // Warm up twice with pauses: tiered compilation promotes hot methods to optimised code on a background
        // thread, which on a busy machine needs idle time to run; measuring before that measures unoptimised code.
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < passes; i++)
                foreach (var (name, bytes) in inputs) work(name, bytes);
            Thread.Sleep(1000);
        }

        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < passes; i++)
            foreach (var (name, bytes) in inputs) work(name, bytes);
        wall.Stop();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        double megabytes = bytesPerPass * (double)passes / 1048576.0;
        double reports = inputs.Length * (double)passes;
        Console.WriteLine($"{label,-20} {megabytes / cpuSeconds,9:F1} {megabytes / wall.Elapsed.TotalSeconds,10:F1} {reports / cpuSeconds,14:F0} {allocated / (double)(bytesPerPass * passes),12:F2}");
    }
}
