using System.CommandLine;
using Pipeline.Cli.Hosting;
using Pipeline.Stages;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline rebuild`: regenerates the whole site from the ledger, with a progress bar on a terminal.</summary>
public static class RebuildCommand
{
    public static Command Create()
    {
        var command = new ConfiguredCommand("rebuild",
            "Regenerate the whole site from the ledger (under the publish lease). Exit 1 if another publisher holds the lease.");
        command.SetAction(_ => RunAsync(command.ConfigurationOverrides));
        return command;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> configurationOverrides)
    {
        await using var services = CliServices.Create(configurationOverrides);
        using var cts = ConsoleCancellation.Create();
        PublishOutcome outcome;
        using (var bar = TerminalProgress.OnStandardError("rebuild"))
        {
            var progress = new SynchronousProgress<RebuildProgress>(p => bar.Report(p.Done, p.Total, $"{p.Done:N0}/{p.Total:N0} reports"));
            outcome = await services.Get<PublishStage>().RebuildAsync(progress, cts.Token);
        }
        Console.Out.WriteLine(outcome.Summary);
        return outcome.Skipped is null ? ExitCodes.Success : ExitCodes.NotDone;
    }
}
