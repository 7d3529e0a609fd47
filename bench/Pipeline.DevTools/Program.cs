using System.CommandLine;
using Pipeline.Cli;
using Pipeline.DevTools;

var root = new Command("pipeline-dev", "Pipeline developer tools (benchmarks; not for operators). Same parsing, help and exit codes as the operator CLI.")
{
    new System.CommandLine.Help.HelpOption(),
    BuildSiteCommand.Create(),
    BenchCommand.Create(),
};
return await CliApp.RunAsync(root, args);
