using System.CommandLine;
using Pipeline.Cli.Hosting;
using Pipeline.Stages;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline withdraw &lt;index code&gt; --reason "…"`: the page becomes a notice at the next publish run.</summary>
public static class WithdrawCommand
{
    public static Command Create()
    {
        var indexCode = new Argument<string>("index code") { Description = "The report's index code (索引号)." };
        var reason = new Option<string>("--reason") { Description = "Why it is withdrawn; shown on the notice page.", Required = true }.NotBlank();
        var command = new ConfiguredCommand("withdraw",
            "Withdraw a report: its page becomes a notice and it leaves lists, feeds, sitemap, JSON and search at the next run. Exit 1 if no such report.")
        {
            indexCode, reason,
        };
        command.SetAction(parse => RunAsync(parse.GetRequiredValue(indexCode), parse.GetRequiredValue(reason), command.ConfigurationOverrides));
        return command;
    }

    public static async Task<int> RunAsync(string indexCode, string reason, IReadOnlyList<string> configurationOverrides)
    {
        await using var services = CliServices.Create(configurationOverrides);
        using var cts = ConsoleCancellation.Create();
        var outcome = await services.Get<ReportAdmin>().WithdrawAsync(indexCode, reason, cts.Token);
        (outcome.Found ? Console.Out : Console.Error).WriteLine(outcome.Message);
        return outcome.Found ? ExitCodes.Success : ExitCodes.NotDone;
    }
}
