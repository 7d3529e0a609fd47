namespace Pipeline.Storage;

/// <summary>
/// Names of every container, queue and table the pipeline uses. Fixed, not configurable: the Functions bindings,
/// the Bicep template and the local host must agree on them, and one storage account serves one pipeline.
/// </summary>
public static class StorageNames
{
    public const string IncomingContainer = "incoming";
    public const string QuarantineContainer = "quarantine";
    public const string ResultsContainer = "results";
    public const string ArchiveContainer = "archive";
    public const string ParsedContainer = "parsed";
    public const string StagingContainer = "staging";
    public const string LocksContainer = "locks";
    /// <summary>Private state of the site generator (entry lists it rebuilds indexes from).</summary>
    public const string SiteStateContainer = "site-state";
    public const string WebContainer = "$web";

    public const string RenderQueue = "render";

    public const string AgenciesTable = "Agencies";
    public const string LedgerTable = "Ledger";
    public const string UploadsTable = "Uploads";
    public const string CountersTable = "Counters";
    public const string DueTable = "Due";
    public const string OutboxTable = "WebhookOutbox";

    public static IReadOnlyList<string> Containers { get; } =
        [IncomingContainer, QuarantineContainer, ResultsContainer, ArchiveContainer, ParsedContainer, StagingContainer, LocksContainer, SiteStateContainer, WebContainer];

    public static IReadOnlyList<string> Tables { get; } =
        [AgenciesTable, LedgerTable, UploadsTable, CountersTable, DueTable, OutboxTable];

    public static IReadOnlyList<string> Queues { get; } = [RenderQueue];
}
