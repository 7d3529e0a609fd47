using System.CommandLine;
using System.CommandLine.Help;
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
    public static Command CreateRootCommand() => new Command("pipeline", Description)
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
    }.WithFileCommands();

    /// <summary>The file-only commands (inspect, render, score), declared once in Pipeline.Cli.Files (<see cref="FileCli"/>).</summary>
    private static Command WithFileCommands(this Command root)
    {
        foreach (var command in FileCli.CreateCommands()) root.Subcommands.Add(command);
        return root;
    }

    public static Task<int> RunAsync(string[] args) => RunAsync(CreateRootCommand(), args);

    /// <summary>
    /// Runs one command line against <paramref name="root"/> with <see cref="CommandLineRunner"/> (the dev tools reuse
    /// this with their own root). A <see cref="ConfiguredCommand"/> also takes configuration overrides after its own
    /// arguments: they are split off before parsing and handed to the command.
    /// </summary>
    public static Task<int> RunAsync(Command root, string[] args)
    {
        IReadOnlyList<string> overrides = [];
        var configured = args.Length > 0 ? root.Subcommands.OfType<ConfiguredCommand>().FirstOrDefault(c => c.Name == args[0]) : null;
        if (configured is not null) (args, overrides) = CliConfiguration.SplitOverrides(args);
        return CommandLineRunner.RunAsync(root, args, parse =>
        {
            if (configured is not null && parse.CommandResult.Command == configured) configured.ConfigurationOverrides = overrides;
        });
    }
}
