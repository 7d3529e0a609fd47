using System.Buffers;
using System.Text;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Search;

/// <summary>The query logic of search.js, in C#: AND of the query's terms, title hits first, then newest first.</summary>
public static class SearchQuery
{
    /// <summary>Runs a query against a published site, reading what a browser would fetch. Returns global ranks.</summary>
    /// <param name="bytesFetched">Total bytes of the files read (what one search costs a browser).</param>
    public static async Task<(IReadOnlyList<int> Ranks, long BytesFetched, int FilesFetched)> RunAsync(
        ISiteStore site, string query, CancellationToken cancellationToken = default)
    {
        long bytes = 0;
        var files = 0;
        var terms = SearchTokenizer.QueryTerms(query);
        var manifestBytes = await site.ReadAsync(SearchFiles.Manifest, cancellationToken).ConfigureAwait(false);
        if (manifestBytes is null || terms.Count == 0) return ([], manifestBytes?.Length ?? 0, manifestBytes is null ? 0 : 1);
        bytes += manifestBytes.Length;
        files++;
        var manifest = System.Text.Json.JsonSerializer.Deserialize(manifestBytes, SearchJsonContext.Default.SearchManifest)!;
        var hits = new List<(int Rank, bool Title)>();
        var withdrawn = (manifest.Withdrawn ?? []).ToHashSet();
        foreach (var segment in manifest.Segments)
        {
            var shards = new Dictionary<int, SearchSegment>();
            HashSet<int>? docs = null;
            HashSet<int>? titleDocs = null;
            foreach (var term in terms)
            {
                var hash = SearchTokenizer.Hash(term);
                var shardIndex = SearchSegment.ShardOf(hash, segment.Shards);
                if (!shards.TryGetValue(shardIndex, out var decoded))
                {
                    var data = await site.ReadAsync(SearchFiles.Shard(segment.Id, shardIndex), cancellationToken).ConfigureAwait(false);
                    decoded = new SearchSegment();
                    if (data is not null)
                    {
                        bytes += data.Length;
                        files++;
                        decoded.DecodeShard(data);
                    }
                    shards[shardIndex] = decoded;
                }
                decoded.Terms.TryGetValue(hash, out var postings);
                var body = new HashSet<int>(postings.Body.Ids.ToArray());
                body.UnionWith(postings.Title.Ids.ToArray());
                var title = new HashSet<int>(postings.Title.Ids.ToArray());
                if (docs is null) { docs = body; titleDocs = title; }
                else { docs.IntersectWith(body); titleDocs!.IntersectWith(title); }
            }
            foreach (var id in docs ?? [])
                if (!withdrawn.Contains(segment.Base + id)) hits.Add((segment.Base + id, titleDocs!.Contains(id)));
        }
        var ranked = hits.OrderByDescending(h => h.Title).ThenByDescending(h => h.Rank).Select(h => h.Rank).ToList();
        return (ranked, bytes, files);
    }
}
