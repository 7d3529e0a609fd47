namespace Pipeline.Cli;

/// <summary>Command dispatch. Each command lives in its own file under Commands/.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var rest = args[1..];
        return args[0] switch
        {
            "inspect" => await Commands.InspectCommand.RunAsync(rest),
            "render" => await Commands.RenderCommand.RunAsync(rest),
            "build-site" => await Commands.BuildSiteCommand.RunAsync(rest),
            "run" => await Commands.RunCommand.RunAsync(rest),
            "upload" => await Commands.UploadCommand.RunAsync(rest),
            "status" => await Commands.StatusCommand.RunAsync(rest),
            "publish" => await Commands.AdminCommands.PublishAsync(rest),
            "withdraw" => await Commands.AdminCommands.WithdrawAsync(rest),
            "approve" => await Commands.AdminCommands.ApproveAsync(rest),
            "rebuild" => await Commands.AdminCommands.RebuildAsync(rest),
            "seed" => await Commands.AdminCommands.SeedAsync(rest),
            "bench" => await Commands.BenchCommand.RunAsync(rest),
            "score" => await Commands.ScoreCommand.RunAsync(rest),
            _ => UsageError($"unknown command '{args[0]}'"),
        };
    }

    public const string Usage = """
        usage: pipeline <command> [options]
          inspect <file> [--agency <publisher name>] [--json]
          render <file> [--agency <name>] -o <out.html>
          render <file|folder>... -o <folder>
          build-site <folder> -o <out> [--generate N [--from M]] [--state <dir>] [--page-size N] [--search "q1|q2"]
          run [--port 8080]                        local host: workers + site server on 127.0.0.1
          upload <files…> --agency <a> [--release-at <iso 8601>]
          status [<index code> | --agency <a> --file <f>]
          publish                                  one publish run now
          withdraw <index code> --reason "…"
          approve <index code> --masked|--as-is    release a report held for privacy review
          rebuild                                  regenerate the whole site from the ledger
          seed                                     create storage, enable the website, seed the agency registry
          bench [--reports 1000] [--grow 10000]    throughput and publish cost on the configured storage
          score <folder> [--json] [--min 0.95]     per-field reading accuracy over documents with .expected.json
        configuration: local.settings.json "Values", then environment variables, then --Section:Key=value
        """;

    public static int UsageError(string message)
    {
        Console.Error.WriteLine("pipeline: " + message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
