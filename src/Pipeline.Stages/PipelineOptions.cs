using Pipeline.Core;
using Pipeline.Site.Html;

namespace Pipeline.Stages;

/// <summary>
/// Options of the pipeline (configuration section "Pipeline"; in Functions app settings "Pipeline__Name").
/// Every key is documented in local.settings.sample.json; the Bicep template sets the same keys.
/// </summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";
    /// <summary>
    /// Top-level key of the pipeline's storage connection (its data: uploads, ledger, queues, site), a connection
    /// string or identity-based "__accountName"/"__blobServiceUri"... The Functions triggers name it as their Connection.
    /// </summary>
    public const string StorageKey = "PipelineStorage";
    /// <summary>
    /// The Functions host's own storage (timer schedule monitor, blob receipts, Event Grid blob trigger queue, keys,
    /// deployment package); never read by the pipeline's code. It may name the same account.
    /// </summary>
    public const string HostStorageKey = "AzureWebJobsStorage";
    /// <summary>Top-level key of the publish schedule (6-field NCRONTAB, seconds first), as the Functions timer reads it.</summary>
    public const string PublishScheduleKey = "PublishSchedule";
    public const string DefaultPublishSchedule = "0 */5 * * * *";

    /// <summary>Uploads larger than this are rejected without being read whole.</summary>
    public long MaxUploadBytes { get; set; } = AnalysisOptions.DefaultMaxBytes;

    /// <summary>What to do with personal data (mobile numbers, ID numbers, e-mail) found in a report.</summary>
    public PrivacyMode Privacy { get; set; } = PrivacyMode.HoldForReview;

    /// <summary>Public scope assumed (with a warning) when a report states none.</summary>
    public string DefaultPublicScope { get; set; } = "主动公开";

    /// <summary>URLs that receive a POST with the changed site URLs after each publish run.</summary>
    public List<string> Webhooks { get; set; } = [];

    /// <summary>
    /// Publish lease duration (15-60 s, an Azure limit); renewed every third of it while a run lasts. Short by default:
    /// when a host dies mid-run, the next one can take over (and complete the run) within this many seconds.
    /// </summary>
    public int PublishLeaseSeconds { get; set; } = 15;

    /// <summary>At most this many due reports are handled per publish run (the rest wait for the next run).</summary>
    public int MaxReportsPerPublishRun { get; set; } = 5000;

    /// <summary>Render messages dequeued this many times are given up (ledger Failed, reason kept).</summary>
    public int MaxRenderAttempts { get; set; } = 5;

    /// <summary>Local host: how long a dequeued render message stays invisible to other workers.</summary>
    public int RenderVisibilityTimeoutSeconds { get; set; } = 120;

    /// <summary>Local host: pause between scans of incoming/ (Azure uses the blob trigger instead).</summary>
    public int IncomingScanIntervalSeconds { get; set; } = 5;

    /// <summary>Registry seed file, upserted into the Agencies table at start-up (relative to the content root).</summary>
    public string AgenciesFile { get; set; } = "config/agencies.json";

    /// <summary>How an upload is analysed under these options: the size limit, the default scope and <paramref name="privacy"/>.</summary>
    /// <param name="privacy">The configured <see cref="Privacy"/>, or an operator's decision on a held report.</param>
    public AnalysisOptions AnalysisOptionsFor(PrivacyMode privacy) => new()
    {
        MaxBytes = MaxUploadBytes,
        DefaultPublicScope = DefaultPublicScope,
        Privacy = privacy,
    };

    /// <summary>Local host: Content-Security-Policy header the static file server sends (Azure: set on the CDN/Front Door).</summary>
    public string ContentSecurityPolicy { get; set; } = SiteAssets.ContentSecurityPolicy;
}
