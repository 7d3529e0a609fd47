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
public sealed class PortalFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;
    private WebApplication? _server;
    private IPlaywright? _playwright;
    private PipelineTestHost? _host;

    public PipelineTestHost Host => _host ?? throw new InvalidOperationException("not started");
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseUri { get; private set; } = null!;
    public Uri PortalUri => new(BaseUri, PortalApi.BasePath + "/");
    public string OutputFolder { get; } = Path.Combine(AppContext.BaseDirectory, "browser-output", "portal");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("PIPELINE_CHROMIUM") ?? PublicSiteFixture.DefaultChromium;
        if (!File.Exists(chromium)) throw new InvalidOperationException($"Chromium is not installed at {chromium}.");
        Directory.CreateDirectory(OutputFolder);
        _azurite = await AzuriteInstance.StartNewAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _server = builder.Build();
        LocalPortalServer? portal = null;
        StaticSiteServer? site = null;
        _server.Use(async (context, next) => { if (!await portal!.TryHandleAsync(context)) await next(context); });
        _server.Run(context => site!.HandleAsync(context));
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseUri = new Uri(address.TrimEnd('/') + "/");

        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        _host = await PipelineTestHost.StartAsync(_azurite, now, new Dictionary<string, string?> { ["Site:BaseUrl"] = BaseUri.ToString() });
        portal = new LocalPortalServer(Host.Get<PortalApi>(), Host.Get<AgencyRegistry>(), NullLogger<LocalPortalServer>.Instance);
        site = new StaticSiteServer(Host.Get<BlobServiceClient>(), Options.Create(new PipelineOptions()), NullLogger<StaticSiteServer>.Instance);
        await BlobServiceCors.AllowUploadsFromAsync(Host.Get<BlobServiceClient>(), BaseUri.GetLeftPart(UriPartial.Authority), CancellationToken.None);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900, bool bypassCsp = false) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUri.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassCsp,
            Locale = "zh-CN",
        });

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

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "Agency portal in a browser";
}
