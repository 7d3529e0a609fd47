using Pipeline.Site.Search;

namespace Pipeline.Site.Tests.Search;

/// <summary>
/// The segment a rebuild builds from documents (<see cref="SearchSegmentBuilder"/>, in parts on every core) must be the
/// segment the incremental path builds posting by posting (<see cref="SearchSegment"/>), byte for byte: a site rebuilt
/// and a site published report by report serve the same search files.
/// </summary>
public sealed class SearchSegmentBuilderTests
{
    [Theory]
    [InlineData(1, 1, 40)]
    [InlineData(2, 2, 300)]
    [InlineData(3, 3, 1_000)]
    [InlineData(4, 2, 2_500)]
    public void Writes_the_shards_SearchSegment_writes(int seed, int parts, int documentCount)
    {
        var random = new Random(seed);
        var documents = new List<(int LocalId, IndexTerms Terms)>();
        var localId = 0;
        for (var d = 0; d < documentCount; d++)
        {
            // Gaps between ids (withdrawn or revised ranks are absent from a segment), a vocabulary where some terms
            // are in nearly every document (bitmap lists) and most in few (gap lists), title terms also in the body,
            // the hash 0, and now and then a hash repeated within a document (counted once).
            localId += random.Next(1, 3);
            var body = new List<uint>();
            for (var t = 0; t < random.Next(0, 400); t++)
                body.Add(random.Next(4) == 0 ? (uint)random.Next(0, 50) : (uint)random.NextInt64(0, uint.MaxValue + 1L));
            var title = body.Take(random.Next(0, 12)).ToList();
            if (d % 17 == 0 && body.Count > 0) body.Add(body[0]);
            documents.Add((localId, new IndexTerms([.. body], [.. title])));
        }

        var segment = new SearchSegment();
        foreach (var (id, terms) in documents) segment.Add(id, terms.Body, terms.Title);
        var expected = segment.Encode(segment.ChooseShardCount());

        var built = SearchSegmentBuilder.Build(documents, parts);

        Assert.Equal(expected.Length, built.Length);
        for (var shard = 0; shard < expected.Length; shard++)
            Assert.True(expected[shard].AsSpan().SequenceEqual(built[shard]), $"shard {shard} of {expected.Length} differs");
    }

    [Fact]
    public void An_empty_segment_is_one_empty_shard()
    {
        var built = SearchSegmentBuilder.Build([]);
        Assert.Equal(new SearchSegment().Encode(1).Select(s => s.ToArray()), built.Select(s => s.ToArray()));
    }
}
