// `--cpu [passes]` runs the CPU-time throughput measurement; anything else goes to BenchmarkDotNet
// (e.g. `--filter *CoreBenchmarks*`).
if (args.Length > 0 && args[0] == "--cpu")
    return Pipeline.Benchmarks.CpuThroughput.Run(args.Length > 1 && int.TryParse(args[1], out var passes) ? passes : 200);
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
