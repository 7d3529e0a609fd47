using System.CommandLine;
using Pipeline.Cli.Hosting;
using Pipeline.Stages;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline publish`: one publish run now (the timer's run, on demand).</summary>
public static class PublishCommand
{
    public static Command Create()
    {
        var command = new ConfiguredCommand("publish", "One publish run now (skips if another publisher holds the lease).");
        command.SetAction(_ => RunAsync(command.ConfigurationOverrides));
        return command;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> configurationOverrides)
    {
        await using var services = CliServices.Create(configurationOverrides);
        using var cts = ConsoleCancellation.Create();
        var outcome = await services.Get<PublishStage>().RunAsync(cts.Token);
        Console.Out.WriteLine(outcome.Summary);
        return ExitCodes.Success;
    }
}
