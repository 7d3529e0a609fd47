using System.CommandLine;

namespace Pipeline.Cli.Hosting;

/// <summary>
/// A command that reads the pipeline's configuration (storage, schedule, site), so it also takes configuration
/// overrides, <c>--Section:Key=value</c>, after its own arguments (<see cref="CliConfiguration.SplitOverrides"/>).
/// Commands that work on local files only (inspect, render, score) are plain commands and reject them.
/// </summary>
public sealed class ConfiguredCommand(string name, string description) : Command(name, description)
{
    /// <summary>The overrides given on this command line; set before the command's action runs.</summary>
    public IReadOnlyList<string> ConfigurationOverrides { get; set; } = [];
}
