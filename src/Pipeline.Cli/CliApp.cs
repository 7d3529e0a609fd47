using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Pipeline.Cli.Commands;
using Pipeline.Cli.Hosting;

namespace Pipeline.Cli;

/// <summary>
/// The operator CLI: every command and option is declared once, in its command's file under Commands/, and
/// System.CommandLine generates the usage, the errors and <c>--help</c> of every command from those declarations.
/// Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public static class CliApp
{
    public const string Description =
        "Pipeline operator CLI: the local host, uploads, status and operator actions on the configured storage, and " +
        "analysis of local files. Configuration: local.settings.json \"Values\" (or the file named by PIPELINE_SETTINGS), " +
        "then environment variables, then --Section:Key=value after a storage command's arguments.";

    /// <summary>Every command, in the order help lists them.</summary>
    public static Command CreateRootCommand() => new("pipeline", Description)
    {
        new HelpOption(),
        new VersionOption(),
        RunCommand.Create(),
        UploadCommand.Create(),
        StatusCommand.Create(),
        PublishCommand.Create(),
        WithdrawCommand.Create(),
        ApproveCommand.Create(),
        RebuildCommand.Create(),
        SeedCommand.Create(),
        InspectCommand.Create(),
        RenderCommand.Create(),
        ScoreCommand.Create(),
    };

    public static Task<int> RunAsync(string[] args) => RunAsync(CreateRootCommand(), args);

    /// <summary>
    /// Parses and runs one command line against <paramref name="root"/>, a command named after the executable with
    /// the help and version options and the commands as subcommands (the dev tools reuse this with their own). Usage errors print the error and the command's usage on stderr and return <see cref="ExitCodes.Usage"/>;
    /// an unexpected exception prints its message on stderr and returns <see cref="ExitCodes.Failed"/>.
    /// </summary>
    public static async Task<int> RunAsync(Command root, string[] args)
    {
        IReadOnlyList<string> overrides = [];
        var configured = args.Length > 0 ? root.Subcommands.OfType<ConfiguredCommand>().FirstOrDefault(c => c.Name == args[0]) : null;
        if (configured is not null) (args, overrides) = CliConfiguration.SplitOverrides(args);

        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction) return UsageError(root, parse);
        if (configured is not null && parse.CommandResult.Command == configured) configured.ConfigurationOverrides = overrides;
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
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(result.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }
}
