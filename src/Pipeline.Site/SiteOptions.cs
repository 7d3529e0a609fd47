namespace Pipeline.Site;

/// <summary>Options of the public site (bound from configuration section "Site").</summary>
public sealed class SiteOptions
{
    /// <summary>Absolute base URL of the public site, used in feeds and sitemaps. Ends with '/'.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:8080/";

    public string SiteTitle { get; set; } = "政府信息公开";

    /// <summary>Entries per list page.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>IANA time zone in which release dates are read (a release date means midnight there).</summary>
    public string TimeZone { get; set; } = Pipeline.Core.TimeZones.ChinaStandardTimeId;
}
