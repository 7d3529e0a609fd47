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
            _ => UsageError($"unknown command '{args[0]}'"),
        };
    }

    public const string Usage = """
        usage: pipeline <command> [options]
          inspect <file> [--agency <publisher name>] [--json]
          render <file> [--agency <name>] -o <out.html>
          render <file|folder>... -o <folder>
        """;

    public static int UsageError(string message)
    {
        Console.Error.WriteLine("pipeline: " + message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
