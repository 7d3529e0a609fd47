using System.Text.Json.Serialization;
using Pipeline.Site.Statistics;

namespace Pipeline.Site.Catalog;

/// <summary>
/// A list as the catalog head knows it: its live reports, the content hash of its state file (a file that does not
/// match was written by a run that died before the head: the run then reads every row instead) and, for a year, the
/// timeliness counts of its live reports (the oversight index shows every year's).
/// </summary>
internal sealed record CatalogListRef(
    [property: JsonPropertyName("n")] int Count,
    [property: JsonPropertyName("h")] string Hash,
    [property: JsonPropertyName("t")] TimelinessCounts? Timeliness = null);
