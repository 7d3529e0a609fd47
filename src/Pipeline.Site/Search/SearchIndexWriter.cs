using System.Globalization;
using System.Text.Json;
using Pipeline.Site.Catalog;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Search;

/// <summary>
/// Keeps the search files in step with the catalog: the segments of <see cref="SearchLayout"/> (rewriting only those
/// holding a changed rank, and the one holding a withdrawn rank in the same run), the result metadata chunks and the
/// manifest; the manifest is also kept in the private state, as the layout the next run starts from.
/// </summary>
/// <param name="site">The public site (search/…).</param>
/// <param name="state">The publisher's private state (<see cref="StatePath"/>).</param>
internal sealed class SearchIndexWriter(ISiteStore site, ISiteStore state)
{
    /// <summary>The manifest as of the last completed run, in the private state.</summary>
    public const string StatePath = "search.json";

    /// <summary>
    /// The first half of a run's search update, safe to run beside the run's other writes (it reads the old segments'
    /// shards but writes nothing and touches no catalog): which segments of the layout for
    /// <paramref name="documentCount"/> documents hold a changed rank, and their new shards, encoded in the background
    /// (every rewritten segment at once, each on every core). Takes (removes) each indexed document's entry of
    /// <paramref name="terms"/>. <see cref="WriteAsync"/> writes the result.
    /// </summary>
    public async Task<List<PlannedSegment>> PrepareAsync(SiteWriteSession run, SearchManifest before, int documentCount, int documentsBefore,
        SortedSet<int> changedRanks, Dictionary<int, IndexTerms> terms)
    {
        var oldSegments = before.Segments;
        var planned = new List<PlannedSegment>();
        // A withdrawal rewrites the segment holding the rank, in this run: its postings must leave every served file
        // (a tombstone in the manifest would hide the rank from results but leave its words readable in the shards).
        // The cost is bounded by one segment (at most SearchLayout.MaxSegmentSize documents) per withdrawn rank.
        // Tombstones written by older versions are compacted the same way.
        var tombstones = new SortedSet<int>(before.Withdrawn ?? []);
        foreach (var range in SearchLayout.Segments(documentCount))
        {
            var reuse = oldSegments.FirstOrDefault(o => o.Base == range.Base && o.Size == range.Size && IsSealedId(o.Id) == range.Sealed);
            if (reuse is not null && !changedRanks.Any(range.Contains) && !tombstones.Any(range.Contains))
            {
                planned.Add(new PlannedSegment(range, reuse, null));
                continue;
            }
            // Rewritten: old tombstones are compacted out along with the changed ranks.
            var compacted = tombstones.Where(range.Contains).ToList();
            tombstones.ExceptWith(compacted);
            // The documents to add, in rank order. Consumed: a document's terms leave the dictionary here, so they are
            // dropped as soon as its segment is encoded.
            var documents = new List<(int LocalId, IndexTerms Terms)>();
            foreach (var rank in changedRanks.GetViewBetween(range.Base, range.End - 1))
                if (terms.Remove(rank, out var document)) documents.Add((rank - range.Base, document));
            var parts = oldSegments.Where(o => o.Base >= range.Base && o.Base + o.Size <= range.End).ToList();
            if (parts.Count == 0)
            {
                planned.Add(new PlannedSegment(range, null, Task.Run(() => SearchSegmentBuilder.Build(documents), run.CancellationToken)));
                continue;
            }
            var segment = new SearchSegment();
            foreach (var old in parts)
            {
                var part = new SearchSegment();
                for (var shard = 0; shard < old.Shards; shard++)
                {
                    var data = await run.ReadAsync(site, SearchFiles.Shard(old.Id, shard)).ConfigureAwait(false);
                    if (data is not null) part.DecodeShard(data);
                }
                segment.AddShifted(part, old.Base - range.Base);
            }
            // Only ranks that existed before can be in the old segments (new documents are in no segment yet, and
            // segment files are immutable, so a re-run after a crash reads the same old segments).
            segment.Remove(changedRanks.Where(r => r < documentsBefore && range.Contains(r)).Concat(compacted).Select(r => r - range.Base).ToHashSet());
            planned.Add(new PlannedSegment(range, null, Task.Run(() =>
            {
                foreach (var (localId, document) in documents) segment.Add(localId, document.Body, document.Title);
                // The tail is sharded by size too: one report with a large vocabulary must not make a file every query downloads.
                return segment.Encode(segment.ChooseShardCount());
            }, run.CancellationToken)));
        }
        return planned;
    }

    /// <summary>
    /// Writes what <see cref="PrepareAsync"/> planned — the rewritten segments' shards, the result metadata of the
    /// changed ranks' chunks, the manifest — and returns the manifest and the old segments' files no longer used.
    /// </summary>
    public async Task<(SearchManifest Manifest, List<string> Stale)> WriteAsync(SiteWriteSession run, CatalogShards catalog, SearchManifest before,
        SortedSet<int> changedRanks, List<PlannedSegment> planned)
    {
        var oldSegments = before.Segments;
        var segments = new List<SearchSegmentInfo>();
        foreach (var (range, unchanged, encoding) in planned)
        {
            if (unchanged is not null)
            {
                segments.Add(unchanged);
                continue;
            }
            var encoded = await encoding!.ConfigureAwait(false);
            var shardCount = encoded.Length;
            var id = range.Id + "-" + ContentHash(encoded);
            // Short cache, not immutable: a withdrawal replaces the segment and deletes these files, and a cache must
            // not keep serving the withdrawn words for a year.
            for (var shard = 0; shard < shardCount; shard++)
                await run.WriteAsync(site, SearchFiles.Shard(id, shard), encoded[shard], SiteHeaders.Binary, SiteHeaders.ShortCache).ConfigureAwait(false);
            segments.Add(new SearchSegmentInfo(id, range.Base, range.Size, shardCount));
        }

        // Result metadata for the changed ranks' chunks.
        foreach (var chunk in changedRanks.Select(r => r / SearchLayout.DocChunkSize).Distinct())
        {
            var docs = new List<string?[]?>();
            for (var rank = chunk * SearchLayout.DocChunkSize; rank < Math.Min(catalog.Count, (chunk + 1) * SearchLayout.DocChunkSize); rank++)
            {
                if ((await catalog.RowAsync(rank).ConfigureAwait(false)).Withdrawn) { docs.Add(null); continue; }
                var e = (await catalog.GetAsync(rank).ConfigureAwait(false)).Entry;
                docs.Add([e.Title, SiteUrls.Report(e.Slug), e.Publisher, e.DisplayDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.IndexCode]);
            }
            await run.WriteAsync(site, SearchFiles.DocChunk(chunk), JsonSerializer.SerializeToUtf8Bytes(docs, SearchJsonContext.Site.ListStringArray), SiteHeaders.Json, SiteHeaders.ShortCache).ConfigureAwait(false);
        }

        // Every segment holding a tombstone was rewritten above, so none remains.
        var manifest = new SearchManifest(1, catalog.Count, SearchLayout.DocChunkSize, segments);
        await run.WriteAsync(site, SearchFiles.Manifest, JsonSerializer.SerializeToUtf8Bytes(manifest, SearchJsonContext.Site.SearchManifest), SiteHeaders.Json, SiteHeaders.ShortCache).ConfigureAwait(false);
        var kept = segments.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var stale = oldSegments.Where(o => !kept.Contains(o.Id))
            .SelectMany(o => Enumerable.Range(0, o.Shards).Select(s => SearchFiles.Shard(o.Id, s))).ToList();
        return (manifest, stale);
    }

    private static bool IsSealedId(string id) => !id.Contains("-t-", StringComparison.Ordinal);

    private static string ContentHash(byte[][] shards)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var shard in shards)
        {
            hash.AppendData(BitConverter.GetBytes(shard.Length));
            hash.AppendData(shard);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 4));
    }

    public async Task<SearchManifest> LoadStateAsync(CancellationToken ct)
    {
        var bytes = await state.ReadAsync(StatePath, ct).ConfigureAwait(false);
        return bytes is null ? SearchManifest.Empty : JsonSerializer.Deserialize(bytes, SearchJsonContext.Site.SearchManifest) ?? SearchManifest.Empty;
    }

    /// <summary>Saves the manifest a run wrote as the state the next run starts from (after the catalog).</summary>
    public Task SaveStateAsync(SiteWriteSession run, SearchManifest manifest) =>
        run.WriteAsync(state, StatePath, JsonSerializer.SerializeToUtf8Bytes(manifest, SearchJsonContext.Site.SearchManifest), SiteHeaders.Json, SiteHeaders.ShortCache);
}
