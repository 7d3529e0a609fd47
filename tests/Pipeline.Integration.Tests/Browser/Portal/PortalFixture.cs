using System.Net;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Pipeline.Cli.Hosting;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Stages.Portal;
using Pipeline.Storage;
using Pipeline.Storage.Portal;

namespace Pipeline.Integration.Tests.Browser.Portal;

/// <summary>
/// The agency portal as `pipeline run` serves it: a private Azurite, the stages on a fake clock (started at the real
/// time, because Azurite checks upload SAS expiry against the real clock), and one Kestrel on 127.0.0.1 serving the
/// local host's <see cref="LocalPortalServer"/> (portal API, page, development sign-in) and <see cref="StaticSiteServer"/>
/// ($web) on one origin, which is the site's base URL. The blob service allows uploads from that origin (CORS), as
/// the local host sets it. One headless Chromium.
/// </summary>
public sealed class PortalFixture() : BrowserFixture(Path.Combine(AppContext.BaseDirectory, "browser-output", "portal"))
{
    private LocalPortalServer? _portal;
    private StaticSiteServer? _site;

    public Uri PortalUri => new(BaseUri, PortalApi.BasePath + "/");

    /// <summary>The real time, to the second: Azurite checks upload SAS expiry against the real clock.</summary>
    protected override DateTimeOffset StartClock { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    protected override async Task<(Uri BaseUri, IAsyncDisposable Server)> StartServerAsync(AzuriteInstance azurite)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var server = builder.Build();
        // The portal and the site server need the host, which needs this server's address: they are wired in PrepareAsync.
        server.Use(async (context, next) => { if (!await _portal!.TryHandleAsync(context)) await next(context); });
        server.Run(context => _site!.HandleAsync(context));
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (new Uri(address.TrimEnd('/') + "/"), server);
    }

    protected override async Task PrepareAsync()
    {
        _portal = new LocalPortalServer(Host.Get<PortalApi>(), Host.Get<AgencyRegistry>(), NullLogger<LocalPortalServer>.Instance);
        _site = new StaticSiteServer(Host.Get<BlobServiceClient>(), Options.Create(new PipelineOptions()), NullLogger<StaticSiteServer>.Instance);
        await BlobServiceCors.AllowUploadsFromAsync(Host.Get<BlobServiceClient>(), BaseUri.GetLeftPart(UriPartial.Authority), CancellationToken.None);
    }

    /// <summary>Signs in through the local host's development sign-in with <paramref name="roles"/> and opens the portal.</summary>
    public async Task<IPage> SignInAsync(IBrowserContext context, string name, string roles)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(LocalPortalServer.SignInPath);
        await page.FillAsync("#name", name);
        await page.FillAsync("#roles", roles);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(PortalUri.ToString());
        await page.Locator("#loading").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = 60_000 });
        return page;
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "Agency portal in a browser";
}
