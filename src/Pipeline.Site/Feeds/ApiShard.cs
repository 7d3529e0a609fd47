using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Site.Feeds;

public sealed record ApiShard(int Shard, IReadOnlyList<ApiReportRecord> Reports);
