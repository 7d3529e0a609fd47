using System.CommandLine;
using Microsoft.Extensions.Logging;
using Pipeline.Cli.Hosting;
using Pipeline.Stages;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline seed`: what every host does at start, on its own.</summary>
public static class SeedCommand
{
    public static Command Create()
    {
        var command = new ConfiguredCommand("seed",
            "Create the containers, queues and tables, enable the static website and upsert the agency registry (config/agencies.json).");
        command.SetAction(_ => RunAsync(command.ConfigurationOverrides));
        return command;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> configurationOverrides)
    {
        await using var services = CliServices.Create(configurationOverrides, LogLevel.Information);
        using var cts = ConsoleCancellation.Create();
        await services.Get<PipelineStartup>().RunAsync(cts.Token);
        return ExitCodes.Success;
    }
}
