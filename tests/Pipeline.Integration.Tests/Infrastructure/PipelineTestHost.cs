using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Infrastructure;

/// <summary>
/// The pipeline's stages wired exactly as the hosts wire them (<see cref="PipelineServiceCollectionExtensions.AddPipeline"/>)
/// against a real Azurite, with a <see cref="FakeTimeProvider"/> so tests move time instead of sleeping.
/// </summary>
public sealed class PipelineTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private PipelineTestHost(ServiceProvider services, FakeTimeProvider time, AzuriteInstance azurite)
    {
        _services = services;
        Time = time;
        Azurite = azurite;
    }

    public FakeTimeProvider Time { get; }
    public AzuriteInstance Azurite { get; }
    public IServiceProvider Services => _services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public BlobContainerClient Container(string name) => Get<BlobServiceClient>().GetBlobContainerClient(name);

    /// <summary>Builds the stages on <paramref name="azurite"/>, provisions storage and seeds the registry.</summary>
    /// <param name="configureServices">Runs after the defaults, before <c>AddPipeline</c> (e.g. to capture logs).</param>
    public static async Task<PipelineTestHost> StartAsync(AzuriteInstance azurite, DateTimeOffset? now = null, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var values = new Dictionary<string, string?>
        {
            [PipelineOptions.StorageKey] = azurite.ConnectionString,
            ["Pipeline:AgenciesFile"] = RepoPaths.AgenciesFile,
            ["Site:BaseUrl"] = "http://127.0.0.1:8080/",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IConfiguration>(configuration);
        configureServices?.Invoke(services);
        services.AddPipeline(configuration);
        var provider = services.BuildServiceProvider();
        var host = new PipelineTestHost(provider, time, azurite);
        await host.Get<PipelineStartup>().RunAsync(CancellationToken.None);
        return host;
    }

    /// <summary>Uploads bytes as an agency would (incoming/&lt;agency&gt;/&lt;file&gt;).</summary>
    public async Task UploadAsync(string agency, string fileName, byte[] content, DateTimeOffset? releaseAt = null)
    {
        var options = new BlobUploadOptions();
        if (releaseAt is { } at)
            options.Metadata = new Dictionary<string, string> { [ValidateStage.ReleaseAtMetadataKey] = at.ToString("O") };
        await Container(StorageNames.IncomingContainer).GetBlobClient($"{agency}/{fileName}").UploadAsync(new BinaryData(content), options);
    }

    public async Task UploadSampleAsync(string agency, string sampleFile, DateTimeOffset? releaseAt = null) =>
        await UploadAsync(agency, sampleFile, await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, sampleFile)), releaseAt);

    public async Task<IReadOnlyList<string>> ListBlobsAsync(string container)
    {
        var names = new List<string>();
        await foreach (var item in Container(container).GetBlobsAsync()) names.Add(item.Name);
        return names;
    }

    public async Task<string?> ReadTextAsync(string container, string blobName)
    {
        var blob = Container(container).GetBlobClient(blobName);
        if (!(await blob.ExistsAsync()).Value) return null;
        return (await blob.DownloadContentAsync()).Value.Content.ToString();
    }

    /// <summary>
    /// Does what the hosts' triggers do, until nothing is left: validate everything in incoming/, work the render
    /// queue dry. Publishing is separate (<see cref="PublishAsync"/>) so tests control when it happens.
    /// </summary>
    public async Task ProcessUploadsAsync()
    {
        await Get<IncomingScanner>().RunOnceAsync(4, CancellationToken.None);
        while (await Get<RenderQueueProcessor>().RunOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    public Task<PublishOutcome> PublishAsync() => Get<PublishStage>().RunAsync(CancellationToken.None);

    /// <summary>Validate, render, publish.</summary>
    public async Task<PublishOutcome> ProcessAndPublishAsync()
    {
        await ProcessUploadsAsync();
        return await PublishAsync();
    }

    public async Task<LedgerEntry?> ReportAsync(string indexCode) => await Get<ReportLedger>().GetLatestAsync(indexCode, CancellationToken.None);

    public async Task<UploadEntry?> UploadOutcomeAsync(string agency, string fileName) => await Get<UploadReceipts>().GetFileAsync(agency, fileName, CancellationToken.None);

    /// <summary>Every blob of $web with its text (the whole public site).</summary>
    public async Task<IReadOnlyDictionary<string, string>> PublicSiteAsync()
    {
        var site = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in await ListBlobsAsync(StorageNames.WebContainer))
            site[name] = (await Container(StorageNames.WebContainer).GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString();
        return site;
    }

    /// <summary>The public page of the report with <paramref name="indexCode"/>, as $web holds it.</summary>
    public async Task<string> PublicPageAsync(string indexCode) =>
        (await Container(StorageNames.WebContainer).GetBlobClient(Pipeline.Site.SiteUrls.FileOf(Pipeline.Site.SiteUrls.Report(Pipeline.Site.Slug.FromIndexCode(indexCode))))
            .DownloadContentAsync()).Value.Content.ToString();

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
