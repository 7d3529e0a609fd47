using System.CommandLine;
using Pipeline.Cli.Hosting;
using Pipeline.Stages;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline approve &lt;index code&gt; --masked|--as-is`: releases a report held for privacy review.</summary>
public static class ApproveCommand
{
    public static Command Create()
    {
        var indexCode = new Argument<string>("index code") { Description = "The held report's index code (索引号)." };
        var masked = new Option<bool>("--masked") { Description = "Publish with the personal data masked (the report is analysed again)." };
        var asIs = new Option<bool>("--as-is") { Description = "Publish as uploaded." };
        var command = new ConfiguredCommand("approve",
            "Release a report held for privacy review, masked or as uploaded. Exit 1 if it is not held or does not exist.")
        {
            indexCode, masked, asIs,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(masked) == result.GetValue(asIs)) result.AddError("give exactly one of --masked and --as-is");
        });
        command.SetAction(parse => RunAsync(parse.GetRequiredValue(indexCode),
            parse.GetValue(masked) ? PrivacyDecision.PublishMasked : PrivacyDecision.PublishAsIs, command.ConfigurationOverrides));
        return command;
    }

    public static async Task<int> RunAsync(string indexCode, PrivacyDecision decision, IReadOnlyList<string> configurationOverrides)
    {
        await using var services = CliServices.Create(configurationOverrides);
        using var cts = ConsoleCancellation.Create();
        var outcome = await services.Get<ReportAdmin>().ApprovePrivacyAsync(indexCode, decision, cts.Token);
        (outcome.Approved ? Console.Out : Console.Error).WriteLine(outcome.Message);
        return outcome.Approved ? ExitCodes.Success : ExitCodes.NotDone;
    }
}
