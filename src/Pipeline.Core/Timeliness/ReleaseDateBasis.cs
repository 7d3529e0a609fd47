namespace Pipeline.Core.Timeliness;

/// <summary>Where the 发布日期 of a timeliness assessment comes from.</summary>
public enum ReleaseDateBasis
{
    /// <summary>The release date the document states (发布日期/公开日期), honoured by the site.</summary>
    Stated,
    /// <summary>The release time requested at upload (`pipeline upload --release-at`).</summary>
    Requested,
    /// <summary>Nothing stated: the day of validation, the earliest the page can go live (an estimate).</summary>
    Validation,
    /// <summary>The day a publish run made the page live.</summary>
    Published,
    /// <summary>The day the page is scheduled to go live (rendered, waiting for its release time).</summary>
    Scheduled,
}
