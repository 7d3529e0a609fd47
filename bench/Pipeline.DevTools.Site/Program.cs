using System.CommandLine;
using Pipeline.Cli;
using Pipeline.DevTools;

var root = new Command("pipeline-dev-site", "pipeline-dev's build-site as a Native-AOT-able executable (developer tool, not for operators).")
{
    new System.CommandLine.Help.HelpOption(),
    BuildSiteCommand.Create(),
};
return await CommandLineRunner.RunAsync(root, args);
