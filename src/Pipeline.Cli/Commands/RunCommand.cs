using System.CommandLine;
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
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "Port of the static site server on 127.0.0.1 (0: any free port).",
            DefaultValueFactory = _ => 8080,
        };
        port.Validators.Add(result =>
        {
            // A value that is not a number is the parser's error already; this adds the range.
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, out var value) && value is < 0 or > 65535)
                result.AddError("--port must be a port number");
        });
        var command = new ConfiguredCommand("run",
            "Local host: incoming scanner, render-queue worker, publish scheduler and a static server for $web on 127.0.0.1. Ctrl-C stops it.")
        {
            port,
        };
        command.SetAction(parse => RunAsync(parse.GetValue(port), command.ConfigurationOverrides));
        return command;
    }

    public static async Task<int> RunAsync(int port, IReadOnlyList<string> configurationOverrides)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddPipelineSources(configurationOverrides);
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
        return ExitCodes.Success;
    }
}
