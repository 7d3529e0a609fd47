using Pipeline.Site.Search;

namespace Pipeline.Site.Tests.Search;

public sealed class TermHashSetTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(7, 5_000)]
    [InlineData(11, 200_000)]
    public void Holds_exactly_what_a_HashSet_holds_through_growth_duplicates_and_zero(int seed, int count)
    {
        var random = new Random(seed);
        var expected = new HashSet<uint>();
        var set = new TermHashSet(expected: 4);
        for (var i = 0; i < count; i++)
        {
            // A narrow range half the time, so duplicates (and 0) are common.
            var hash = i % 2 == 0 ? (uint)random.Next(0, 64) : (uint)random.NextInt64(0, uint.MaxValue + 1L);
            Assert.Equal(expected.Add(hash), set.Add(hash));
        }
        Assert.Equal(expected.Count, set.Count);
        Assert.Equal(expected.Order(), set.ToArray().Order());
        Assert.All(expected, hash => Assert.True(set.Contains(hash)));
        var absent = Enumerable.Range(1, 200).Select(n => (uint)n * 2654435761u).First(h => !expected.Contains(h));
        Assert.False(set.Contains(absent));
    }

    [Fact]
    public void Union_adds_the_other_sets_hashes_including_zero()
    {
        var a = new TermHashSet();
        a.Add(5);
        var b = new TermHashSet();
        b.Add(0);
        b.Add(5);
        b.Add(uint.MaxValue);
        a.UnionWith(b);
        Assert.Equal([0u, 5u, uint.MaxValue], a.ToArray().Order());
    }
}
