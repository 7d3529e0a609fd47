using System.Buffers;
using System.Text;

namespace Pipeline.Site.Search;

internal static class SearchFiles
{
    public const string Manifest = "search/manifest.json";
    public static string Shard(string segmentId, int shard) => $"search/s/{segmentId}/{shard}.bin";
    public static string DocChunk(int chunk) => $"search/docs/{chunk}.json";
}
