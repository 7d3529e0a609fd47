using Pipeline.Cli.Hosting;
using Pipeline.Stages;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline publish`, `withdraw`, `approve`, `rebuild`, `seed`: one operator action each.</summary>
public static class AdminCommands
{
    public const string PublishUsage = "publish                                  one publish run now";
    public const string WithdrawUsage = "withdraw <index code> --reason \"…\"";
    public const string ApproveUsage = "approve <index code> --masked|--as-is   release a report held for privacy review";
    public const string RebuildUsage = "rebuild                                  regenerate the whole site from the ledger";
    public const string SeedUsage = "seed                                     create storage, enable the website, seed the agency registry";

    public static async Task<int> PublishAsync(string[] args)
    {
        var parsed = CommandArgs.Parse(args, new HashSet<string>(), new HashSet<string>());
        if (parsed.Positional.Count > 0) return CliApp.UsageError("usage: " + PublishUsage);
        await using var services = CliServices.Create(parsed.ConfigurationOverrides);
        using var cts = ConsoleCancellation.Create();
        var outcome = await services.Get<PublishStage>().RunAsync(cts.Token);
        Console.Out.WriteLine(outcome.Summary);
        return 0;
    }

    public static async Task<int> RebuildAsync(string[] args)
    {
        var parsed = CommandArgs.Parse(args, new HashSet<string>(), new HashSet<string>());
        if (parsed.Positional.Count > 0) return CliApp.UsageError("usage: " + RebuildUsage);
        await using var services = CliServices.Create(parsed.ConfigurationOverrides);
        using var cts = ConsoleCancellation.Create();
        var outcome = await services.Get<PublishStage>().RebuildAsync(cts.Token);
        Console.Out.WriteLine(outcome.Summary);
        return outcome.Skipped is null ? 0 : 1;
    }

    public static async Task<int> WithdrawAsync(string[] args)
    {
        var parsed = CommandArgs.Parse(args, new HashSet<string> { "reason" }, new HashSet<string>());
        if (parsed.Positional.Count != 1 || string.IsNullOrWhiteSpace(parsed.Get("reason"))) return CliApp.UsageError("usage: " + WithdrawUsage);
        await using var services = CliServices.Create(parsed.ConfigurationOverrides);
        using var cts = ConsoleCancellation.Create();
        var outcome = await services.Get<ReportAdmin>().WithdrawAsync(parsed.Positional[0], parsed.Get("reason")!, cts.Token);
        (outcome.Found ? Console.Out : Console.Error).WriteLine(outcome.Message);
        return outcome.Found ? 0 : 1;
    }

    public static async Task<int> ApproveAsync(string[] args)
    {
        var parsed = CommandArgs.Parse(args, new HashSet<string>(), new HashSet<string> { "masked", "as-is" });
        if (parsed.Positional.Count != 1 || parsed.Has("masked") == parsed.Has("as-is")) return CliApp.UsageError("usage: " + ApproveUsage);
        await using var services = CliServices.Create(parsed.ConfigurationOverrides);
        using var cts = ConsoleCancellation.Create();
        var decision = parsed.Has("masked") ? PrivacyDecision.PublishMasked : PrivacyDecision.PublishAsIs;
        var outcome = await services.Get<ReportAdmin>().ApprovePrivacyAsync(parsed.Positional[0], decision, cts.Token);
        (outcome.Approved ? Console.Out : Console.Error).WriteLine(outcome.Message);
        return outcome.Approved ? 0 : 1;
    }

    public static async Task<int> SeedAsync(string[] args)
    {
        var parsed = CommandArgs.Parse(args, new HashSet<string>(), new HashSet<string>());
        if (parsed.Positional.Count > 0) return CliApp.UsageError("usage: " + SeedUsage);
        await using var services = CliServices.Create(parsed.ConfigurationOverrides, Microsoft.Extensions.Logging.LogLevel.Information);
        using var cts = ConsoleCancellation.Create();
        await services.Get<PipelineStartup>().RunAsync(cts.Token);
        return 0;
    }
}
