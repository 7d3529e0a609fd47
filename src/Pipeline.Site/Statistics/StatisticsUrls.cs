using System.Globalization;

namespace Pipeline.Site.Statistics;

/// <summary>The URLs of the statistics section and of each report's open data files.</summary>
public static class StatisticsUrls
{
    public const string Index = "/statistics/";

    /// <summary>File name of a report's template tables as JSON, beside its page.</summary>
    public const string ReportJsonName = "statistics.json";

    /// <summary>File name of a report's template tables as CSV (UTF-8 with BOM), beside its page.</summary>
    public const string ReportCsvName = "statistics.csv";

    public static string ReportJson(string slug) => SiteUrls.Report(slug) + ReportJsonName;
    public static string ReportCsv(string slug) => SiteUrls.Report(slug) + ReportCsvName;

    /// <summary>A year's comparison page, sorted by agency name or (<paramref name="sortKey"/>) by one measure.</summary>
    public static string Year(int year, string? sortKey = null) =>
        Index + year.ToString("D4", CultureInfo.InvariantCulture) + "/" + (sortKey is null ? "" : "by-" + sortKey + "/");

    /// <summary>The year's whole dataset: every cell of every published report about that year.</summary>
    public static string YearCsv(int year) => Year(year) + "statistics-" + year.ToString("D4", CultureInfo.InvariantCulture) + ".csv";

    public static string Agency(string publisherSlug) => Index + "agency/" + publisherSlug + "/";

    /// <summary>The oversight view of every published report: how timely each agency published, by year of 发布日期.</summary>
    public const string Timeliness = Index + "timeliness/";

    /// <summary>Every agency's reports published in a year (发布日期's year), counted.</summary>
    public static string TimelinessYear(int year) => Timeliness + year.ToString("D4", CultureInfo.InvariantCulture) + "/";

    /// <summary>An agency's reports by year, with the ones to look at listed.</summary>
    public static string TimelinessAgency(string publisherSlug) => Timeliness + "agency/" + publisherSlug + "/";
}
