namespace Pipeline.Site.Feeds;

/// <summary>/api/reports/index.json: the live report count and the shard list.</summary>
public sealed record ApiManifest(int Count, int ShardSize, IReadOnlyList<ApiShardRef> Shards);
