// `--cpu [passes] [files…]` (the samples when no files are named) runs the CPU-time throughput measurement; `--formats <dir> [passes]` the PDF/HTML decoding one; anything else goes to BenchmarkDotNet
// (e.g. `--filter *CoreBenchmarks*`).
if (args.Length > 0 && args[0] == "--cpu")
    return Pipeline.Benchmarks.CpuThroughput.Run(args.Length > 1 && int.TryParse(args[1], out var passes) ? passes : 200, args.Skip(2).ToArray());
if (args.Length > 1 && args[0] == "--formats")
    return Pipeline.Benchmarks.FormatThroughput.Run(args[1], args.Length > 2 && int.TryParse(args[2], out var formatPasses) ? formatPasses : 20);
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
