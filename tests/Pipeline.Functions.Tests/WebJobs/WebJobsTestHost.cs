using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Config;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Functions.Tests.WebJobs;

/// <summary>
/// A WebJobs SDK host with the blob, queue and timer trigger extensions the Functions host loads for this app,
/// running <see cref="Host.Functions"/> (the app's function classes) against two Azurites: one as AzureWebJobsStorage
/// (the host's state: blob trigger queue and receipts, locks) and one as PipelineStorage (the pipeline's data), so a
/// trigger bound to the wrong connection finds nothing. The extensions' options come from the app's host.json
/// ("extensions" section, as the Functions host maps it), except where a constructor argument says otherwise.
/// </summary>
public sealed class WebJobsTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WebJobsTestHost(IHost host, AzuriteInstance hostStorage, AzuriteInstance pipelineStorage, IConfiguration hostJson)
    {
        _host = host;
        HostStorage = hostStorage;
        PipelineStorage = pipelineStorage;
        HostJson = hostJson;
    }

    public AzuriteInstance HostStorage { get; }
    public AzuriteInstance PipelineStorage { get; }
    /// <summary>The app's host.json as configuration.</summary>
    public IConfiguration HostJson { get; }
    public IServiceProvider Services => _host.Services;
    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Every function invocation that finished, with its function name and outcome (from the SDK's logs).</summary>
    public ConcurrentQueue<(string Function, bool Succeeded)> Invocations { get; } = new();

    /// <param name="publishSchedule">PublishSchedule app setting; the default never fires in a test run.</param>
    /// <param name="queueVisibilityTimeout">
    /// Delay before a failed queue message is retried; host.json says 30 s, which would make the poison test take
    /// minutes of waiting. Every other queue setting (maxDequeueCount, encoding, batch) is host.json's.
    /// </param>
    public static async Task<WebJobsTestHost> StartAsync(string publishSchedule = "0 0 0 1 1 *", TimeSpan? queueVisibilityTimeout = null)
    {
        var hostStorage = await AzuriteInstance.StartNewAsync();
        var pipelineStorage = await AzuriteInstance.StartNewAsync();
        try
        {
            var hostJson = new ConfigurationBuilder().AddJsonFile(AppHostJsonPath, optional: false).Build();
            var settings = new Dictionary<string, string?>
            {
                [PipelineOptions.HostStorageKey] = hostStorage.ConnectionString,
                [PipelineOptions.StorageKey] = pipelineStorage.ConnectionString,
                [PipelineOptions.PublishScheduleKey] = publishSchedule,
                ["Pipeline:AgenciesFile"] = RepoPaths.AgenciesFile,
                ["Site:BaseUrl"] = "http://127.0.0.1:8080/",
            };
            // The Functions host reads host.json's "extensions" into each extension's options; the WebJobs SDK binds
            // the same options from "AzureWebJobs:extensions".
            foreach (var (key, value) in hostJson.GetSection("extensions").AsEnumerable(makePathsRelative: true))
                if (value is not null) settings["AzureWebJobs:extensions:" + key] = value;
            if (queueVisibilityTimeout is { } visibility)
                settings["AzureWebJobs:extensions:queues:visibilityTimeout"] = visibility.ToString("c");
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

            WebJobsTestHost? testHost = null;
            var host = new HostBuilder()
                .ConfigureAppConfiguration(c => c.AddConfiguration(configuration))
                .ConfigureLogging(logging =>
                {
                    logging.SetMinimumLevel(LogLevel.Information);
                    logging.AddProvider(new InvocationLog(() => testHost));
                })
                .ConfigureWebJobs(webJobs =>
                {
                    webJobs.AddAzureStorageCoreServices();
                    webJobs.AddAzureStorageBlobs();
                    webJobs.AddAzureStorageQueues();
                    webJobs.AddTimers();
                })
                .ConfigureServices(services =>
                {
                    services.AddSingleton<ITypeLocator>(new OneTypeLocator(typeof(global::Host.Functions)));
                    services.AddSingleton<IJobActivator, ServiceProviderActivator>();
                    services.AddSingleton<ScheduleMonitor, InMemoryScheduleMonitor>();
                    services.AddPipeline(configuration);
                    // As the app's Program.cs: the function classes get their stages from the container.
                    services.AddTransient<ValidateUploadFunction>();
                    services.AddTransient<RenderFunctions>();
                    services.AddTransient<PublishSiteFunction>();
                    services.AddTransient<global::Host.Functions>();
                })
                .Build();
            testHost = new WebJobsTestHost(host, hostStorage, pipelineStorage, hostJson);
            // The app's PipelineStartupService: storage objects and the agency registry, before any trigger listens.
            await host.Services.GetRequiredService<PipelineStartup>().RunAsync(CancellationToken.None);
            await host.StartAsync();
            return testHost;
        }
        catch
        {
            await hostStorage.DisposeAsync();
            await pipelineStorage.DisposeAsync();
            throw;
        }
    }

    /// <summary>functions/Pipeline.Functions/host.json.</summary>
    public static string AppHostJsonPath => Path.Combine(RepoPaths.Root, "functions", "Pipeline.Functions", "host.json");

    public BlobContainerClient PipelineContainer(string name) => Get<BlobServiceClient>().GetBlobContainerClient(name);

    /// <summary>Uploads as an agency would; Azurite sends no Event Grid event, so the caller posts one.</summary>
    public async Task<BlobClient> UploadAsync(string agency, string fileName, byte[] content, DateTimeOffset? releaseAt = null)
    {
        var blob = PipelineContainer(StorageNames.IncomingContainer).GetBlobClient($"{agency}/{fileName}");
        var options = new Azure.Storage.Blobs.Models.BlobUploadOptions();
        if (releaseAt is { } at) options.Metadata = new Dictionary<string, string> { [ValidateStage.ReleaseAtMetadataKey] = at.ToString("O") };
        await blob.UploadAsync(new BinaryData(content), options);
        return blob;
    }

    /// <summary>
    /// What Event Grid does for a BlobCreated event: POST the event (Event Grid schema) to the blobs extension's
    /// webhook, runtime/webhooks/blobs?functionName=&lt;name&gt;. The Functions host routes that path to the extension's
    /// HTTP handler; here the request goes to the same handler directly.
    /// </summary>
    public async Task<HttpStatusCode> PostBlobCreatedAsync(BlobClient blob, string functionName)
    {
        var properties = (await blob.GetPropertiesAsync()).Value;
        var blobEvent = new
        {
            id = Guid.NewGuid().ToString(),
            topic = $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/{blob.AccountName}",
            subject = $"/blobServices/default/containers/{blob.BlobContainerName}/blobs/{blob.Name}",
            eventType = "Microsoft.Storage.BlobCreated",
            eventTime = DateTimeOffset.UtcNow,
            dataVersion = "",
            metadataVersion = "1",
            data = new
            {
                api = "PutBlob",
                contentType = properties.ContentType,
                contentLength = properties.ContentLength,
                blobType = "BlockBlob",
                // Event Grid sends the ETag without quotes; the extension adds them.
                eTag = properties.ETag.ToString().Trim('"'),
                url = blob.Uri.ToString(),
                sequencer = "0000000000000000000000000000000000000000000000000000000000000000",
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"http://localhost/runtime/webhooks/blobs?functionName={Uri.EscapeDataString(functionName)}&code=blobs_extension_key")
        {
            Content = new StringContent(JsonSerializer.Serialize(new[] { blobEvent }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("aeg-event-type", "Notification");
        using var response = await BlobsWebhook.ConvertAsync(request, CancellationToken.None);
        return response.StatusCode;
    }

    /// <summary>The blobs extension's webhook handler (the extension config provider that takes HTTP requests).</summary>
    private IAsyncConverter<HttpRequestMessage, HttpResponseMessage> BlobsWebhook =>
        _host.Services.GetServices<IExtensionConfigProvider>().OfType<IAsyncConverter<HttpRequestMessage, HttpResponseMessage>>()
            .Single(p => p.GetType().FullName!.Contains("Blobs", StringComparison.Ordinal));

    /// <summary>Polls <paramref name="condition"/> until it holds; the limit is generous, for a loaded machine.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            var value = await probe();
            if (condition(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {(limit ?? TimeSpan.FromSeconds(120)).TotalSeconds} s for {what}; last value: {value}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _host.Dispose();
            await HostStorage.DisposeAsync();
            await PipelineStorage.DisposeAsync();
        }
    }

    private sealed class OneTypeLocator(Type type) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => [type];
    }

    private sealed class ServiceProviderActivator(IServiceProvider services) : IJobActivator
    {
        public T CreateInstance<T>() => ActivatorUtilities.GetServiceOrCreateInstance<T>(services);
    }

    /// <summary>
    /// Records "Executed 'Functions.X' (Succeeded|Failed, ...)" lines of the SDK's Function.* log categories, the
    /// same lines the Functions host writes for each invocation.
    /// </summary>
    private sealed class InvocationLog(Func<WebJobsTestHost?> host) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, host);
        public void Dispose() { }

        private sealed class Logger(string category, Func<WebJobsTestHost?> host) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!category.StartsWith("Function.", StringComparison.Ordinal)) return;
                var message = formatter(state, exception);
                if (!message.StartsWith("Executed '", StringComparison.Ordinal)) return;
                var function = category["Function.".Length..];
                var end = function.IndexOf('.');
                if (end > 0) function = function[..end];
                host()?.Invocations.Enqueue((function, message.Contains("(Succeeded", StringComparison.Ordinal)));
            }
        }
    }
}
