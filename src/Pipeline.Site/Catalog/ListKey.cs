using System.Globalization;

namespace Pipeline.Site.Catalog;

/// <summary>A list of the site: a year (<see cref="Key"/> = "2019") or a publisher (<see cref="Key"/> = its slug).</summary>
internal readonly record struct ListKey(bool IsYear, string Key)
{
    public string Url => IsYear ? SiteUrls.Year(Year) : SiteUrls.Publisher(Key);

    public int Year => int.Parse(Key, CultureInfo.InvariantCulture);

    /// <summary>"y:2019" or "p:slug": the key's name in the catalog head.</summary>
    public string Name => (IsYear ? "y:" : "p:") + Key;

    public static ListKey OfName(string name) => new(name.StartsWith("y:", StringComparison.Ordinal), name[2..]);

    public static ListKey OfYear(int year) => new(true, year.ToString("D4", CultureInfo.InvariantCulture));

    /// <summary>The lists a catalog row is on: its year's and its publisher's.</summary>
    public static IEnumerable<ListKey> KeysOf(CatalogRow row) => [OfYear(row.Year), new ListKey(false, row.PublisherSlug)];

    /// <summary>The live (not withdrawn) ranks a list shows: a list whose reports were all withdrawn has none and goes.</summary>
    public static List<int> Members(IReadOnlyList<CatalogRow> rows, ListKey key)
    {
        var members = new List<int>();
        for (var rank = 0; rank < rows.Count; rank++)
            if (!rows[rank].Withdrawn && KeysOf(rows[rank]).Contains(key)) members.Add(rank);
        return members;
    }
}
