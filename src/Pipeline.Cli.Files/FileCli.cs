using System.CommandLine;
using Pipeline.Cli.Commands;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline-files</c>: the operator CLI's commands that work on local files only — <c>inspect</c>, <c>render</c>,
/// <c>score</c> — as an executable of their own, which can be published Native AOT and starts in milliseconds. The
/// commands are the same objects the full CLI (<c>pipeline</c>) lists, so both print the same output for the same
/// command line (tests/Pipeline.Cli.Tests/FileCliTests.cs).
/// </summary>
public static class FileCli
{
    public const string Description =
        "Pipeline operator CLI, file commands only (no storage): analyse, render and score local report files. " +
        "The same commands as `pipeline inspect|render|score`, in a natively compiled executable that starts fast.";

    /// <summary>The file-only commands, in the order help lists them (the full CLI lists them after its storage commands).</summary>
    public static IEnumerable<Command> CreateCommands() => [InspectCommand.Create(), RenderCommand.Create(), ScoreCommand.Create()];

    public static Command CreateRootCommand()
    {
        var root = new Command("pipeline-files", Description) { new System.CommandLine.Help.HelpOption(), new VersionOption() };
        foreach (var command in CreateCommands()) root.Subcommands.Add(command);
        return root;
    }

    public static Task<int> RunAsync(string[] args) => CommandLineRunner.RunAsync(CreateRootCommand(), args);
}
