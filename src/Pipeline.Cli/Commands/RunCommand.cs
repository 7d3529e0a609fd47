using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Cli.Hosting;
using Pipeline.Stages;

namespace Pipeline.Cli.Commands;

/// <summary>
/// `pipeline run [--port 8080]`: the local host. Background workers (incoming scanner, render-queue worker, publish
/// scheduler) plus a static file server for $web on 127.0.0.1. Ctrl-C stops it.
/// </summary>
public static class RunCommand
{
    public const string Usage = "run [--port 8080]                       local host: workers + site server on 127.0.0.1";

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = CommandArgs.Parse(args, new HashSet<string> { "port" }, new HashSet<string>());
        if (parsed.Positional.Count > 0) return CliApp.UsageError("run takes no positional arguments");
        if (!int.TryParse(parsed.Get("port") ?? "8080", out var port) || port is < 0 or > 65535)
            return CliApp.UsageError("--port must be a port number");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddPipelineSources(parsed.ConfigurationOverrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; o.IncludeScopes = true; });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning).AddFilter("Azure", LogLevel.Error);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Services.AddPipeline(builder.Configuration);
        builder.Services.AddSingleton<StaticSiteServer>();
        builder.Services.AddSingleton<LocalPortalServer>();
        builder.Services.AddSingleton<StartupWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StartupWorker>());
        builder.Services.AddHostedService<IncomingWorker>();
        builder.Services.AddHostedService<RenderWorker>();
        builder.Services.AddHostedService<PublishWorker>();

        await using var app = builder.Build();
        var server = app.Services.GetRequiredService<StaticSiteServer>();
        var portal = app.Services.GetRequiredService<LocalPortalServer>();
        app.Use(async (context, next) => { if (!await portal.TryHandleAsync(context)) await next(context); });
        app.Run(server.HandleAsync);
        await app.StartAsync();
        LocalPortalSetup.AllowUploadsOnceReady(app);
        foreach (var url in app.Urls) Console.Out.WriteLine($"Serving the site at {url}/ and the agency portal at {url}{Pipeline.Stages.Portal.PortalApi.BasePath}/ (development sign-in: {url}{LocalPortalServer.SignInPath})");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
