using System.Net;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Cli.Hosting;
using Pipeline.Stages;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>
/// The local host's <see cref="StaticSiteServer"/> (the code behind `pipeline run`) on a free port of 127.0.0.1,
/// in-process, over a given Azurite: the browser sees the site exactly as the public would.
/// </summary>
public sealed class StaticSiteHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticSiteHost(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>Root of the site, ending with '/'.</summary>
    public Uri BaseUri { get; }

    public static async Task<StaticSiteHost> StartAsync(string storageConnectionString, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Port 0: Kestrel binds a free port itself, so parallel test runs never race for one.
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(new BlobServiceClient(storageConnectionString));
        builder.Services.AddSingleton(Options.Create(new PipelineOptions()));
        builder.Services.AddSingleton<StaticSiteServer>();
        var app = builder.Build();
        var server = app.Services.GetRequiredService<StaticSiteServer>();
        app.Run(server.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new StaticSiteHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
