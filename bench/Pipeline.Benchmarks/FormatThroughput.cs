using System.Diagnostics;
using Pipeline.Core;
using Pipeline.Core.Decoding;

namespace Pipeline.Benchmarks;

/// <summary>
/// `Pipeline.Benchmarks --formats &lt;dir&gt; [passes]`: decodes (and fully analyses) every .pdf and .html file in a folder
/// repeatedly on one thread, per format: pages per CPU-second (PDF), MB per CPU-second, allocated bytes per input byte.
/// bench/formats-bench.sh makes the folder from the samples with LibreOffice and Chromium.
/// </summary>
public static class FormatThroughput
{
    public static int Run(string folder, int passes)
    {
        Console.WriteLine($"{"format",-6} {"work",-8} {"files",5} {"pages",6} {"MB",7} {"pages/CPU-s",12} {"MB/CPU-s",9} {"MB/wall-s",10} {"alloc/input",12}");
        foreach (var extension in new[] { ".pdf", ".html" })
        {
            var files = Directory.GetFiles(folder, "*" + extension).Order().Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f))).ToArray();
            if (files.Length == 0) continue;
            var pages = extension == ".pdf" ? files.Sum(f => CountPages(f.Bytes)) : 0;
            Measure(extension[1..], "decode", files, pages, passes, (name, bytes) => TextDecoder.Decode(bytes));
            Measure(extension[1..], "analyse", files, pages, passes, (name, bytes) => ReportAnalyzer.Analyze(bytes, name));
        }
        return 0;
    }

    private static int CountPages(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    private static void Measure(string format, string label, (string Name, byte[] Bytes)[] files, int pages, int passes, Action<string, byte[]> work)
    {
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < Math.Max(1, passes / 2); i++)
                foreach (var (name, bytes) in files) work(name, bytes);
            Thread.Sleep(1000); // lets tiered compilation finish on a busy machine
        }
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < passes; i++)
            foreach (var (name, bytes) in files) work(name, bytes);
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long input = files.Sum(f => (long)f.Bytes.Length);
        double megabytes = input * (double)passes / 1048576.0;
        var pagesPerCpu = pages > 0 ? (pages * (double)passes / cpu).ToString("F0") : "-";
        Console.WriteLine($"{format,-6} {label,-8} {files.Length,5} {pages,6} {input / 1048576.0,7:F2} {pagesPerCpu,12} {megabytes / cpu,9:F2} {megabytes / wall.Elapsed.TotalSeconds,10:F2} {allocated / (double)(input * passes),12:F1}");
    }
}
