using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Pipeline.Cli;

/// <summary>
/// Parses and runs one command line: the one runner of the operator CLI (<c>pipeline</c>), its file-only build
/// (<c>pipeline-files</c>) and the dev tools, so usage errors, exit codes and error messages are the same in all.
/// </summary>
public static class CommandLineRunner
{
    /// <summary>
    /// Parses <paramref name="args"/> against <paramref name="root"/> (a command named after the executable, with the
    /// help and version options and the commands as subcommands) and runs the command. Usage errors print the error and
    /// the command's usage on stderr and return <see cref="ExitCodes.Usage"/>; an unexpected exception prints its
    /// message on stderr and returns <see cref="ExitCodes.Failed"/>. <paramref name="parsed"/>, when given, sees the
    /// parse result before the command runs.
    /// </summary>
    public static async Task<int> RunAsync(Command root, string[] args, Action<ParseResult>? parsed = null)
    {
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction) return UsageError(root, parse);
        parsed?.Invoke(parse);
        try
        {
            // Ctrl-C is each command's own business (ConsoleCancellation; `run` stops its host gracefully), so the
            // parser registers no signal handlers; exceptions reach the handler below instead of a stack dump.
            return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false })
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"{CommandPath(parse)}: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{CommandPath(parse)}: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>Each parse error as "pipeline &lt;command&gt;: error", then the command's usage; all on stderr.</summary>
    private static int UsageError(Command root, ParseResult parse)
    {
        var error = Console.Error;
        foreach (var e in parse.Errors) error.WriteLine($"{CommandPath(parse)}: {e.Message}");
        error.WriteLine();
        // The command's own help, generated the same way as for --help, written to stderr.
        var path = CommandPath(parse).Split(' ').Skip(1).Append("--help").ToArray();
        root.Parse(path).Invoke(new InvocationConfiguration { Output = error, ProcessTerminationTimeout = null });
        return ExitCodes.Usage;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as CommandResult)
            names.Add(result.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }
}
