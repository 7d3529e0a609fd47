

namespace Pipeline.Site.Publishing;

/// <summary>What a publish run wrote.</summary>
/// <param name="ChangedPaths">Site and state paths written or deleted (state paths are prefixed "state:").</param>
public sealed record SitePublishResult(IReadOnlyList<string> ChangedPaths, int FilesWritten, long BytesWritten)
{
    /// <summary>Something the operator should know about the run (e.g. a rebuild could not remove stale files); null if nothing.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// Site paths this run answers for, whether or not their bytes changed: every file it wrote or found already right
    /// for the reports and withdrawals it was given (pages, lists, indexes, feeds, search) and every file it deleted or
    /// found already deleted; the static files only when they changed. A run that completes a crashed one finds the
    /// crashed run's files already right: announcing these (not only <see cref="ChangedPaths"/>) notifies everything
    /// the crashed run changed.
    /// </summary>
    public IReadOnlyList<string> AnnouncedPaths { get; init; } = [];

    /// <summary>
    /// Cross-year findings of the agencies whose figures the run changed: last year's 四、结转下年度继续办理 against this
    /// year's 二、上年结转, once both reports are published (Location names the later report's index code).
    /// </summary>
    public IReadOnlyList<Pipeline.Core.Model.Finding> StatisticsFindings { get; init; } = [];
}
