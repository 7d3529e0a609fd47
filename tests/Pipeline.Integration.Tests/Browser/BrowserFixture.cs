using Microsoft.Playwright;
using Pipeline.Integration.Tests.Infrastructure;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>
/// What every browser suite starts the same way: a private Azurite, a server on 127.0.0.1 whose address is the site's
/// base URL (so canonical links, feeds and the portal's public links point at what the browser sees), the pipeline's
/// stages on a fake clock over that Azurite, and one headless Chromium (the distribution's; Playwright never downloads
/// one). A suite says what its server serves, when its clock starts and what it prepares before the browser starts;
/// its tests open their own browser contexts.
/// </summary>
public abstract class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where the distribution's Chromium lives; <c>PIPELINE_CHROMIUM</c> names another.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    private AzuriteInstance? _azurite;
    private IAsyncDisposable? _server;
    private PipelineTestHost? _host;
    private IPlaywright? _playwright;

    protected BrowserFixture(string outputFolder) => OutputFolder = outputFolder;

    public PipelineTestHost Host => _host ?? throw new InvalidOperationException("the browser fixture is not started");
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Root of the site as the browser sees it, ending with '/'.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Folder for screenshots and checker output (under the test's bin folder, never committed).</summary>
    public string OutputFolder { get; }

    public static string ChromiumPath => Environment.GetEnvironmentVariable("PIPELINE_CHROMIUM") ?? DefaultChromium;

    /// <summary>The fake clock's first instant.</summary>
    protected abstract DateTimeOffset StartClock { get; }

    /// <summary>Starts the suite's server over <paramref name="azurite"/>; the host it serves for is <see cref="Host"/> once started.</summary>
    protected abstract Task<(Uri BaseUri, IAsyncDisposable Server)> StartServerAsync(AzuriteInstance azurite);

    /// <summary>Runs once the host is started, before Chromium: uploads, publish runs, the server's own wiring.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var chromium = ChromiumPath;
        if (!File.Exists(chromium))
            throw new InvalidOperationException(
                $"Chromium is not installed at {chromium}: the browser tests need it (apt-get install chromium, or set PIPELINE_CHROMIUM). " +
                "Playwright is configured never to download a browser.");
        Directory.CreateDirectory(OutputFolder);

        _azurite = await AzuriteInstance.StartNewAsync();
        // The server first: its port is the site's base URL.
        (BaseUri, _server) = await StartServerAsync(_azurite);
        _host = await PipelineTestHost.StartAsync(_azurite, StartClock, new Dictionary<string, string?> { ["Site:BaseUrl"] = BaseUri.ToString() });
        await PrepareAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A fresh browser context on the site. <paramref name="bypassCsp"/> lets tests inject axe-core, and lets the XSS
    /// test prove escaping holds even without the policy.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900, bool bypassCsp = false) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUri.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassCsp,
            Locale = "zh-CN",
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
