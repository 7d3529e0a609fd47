using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Storage;

/// <summary>The stages' remembered agency records (<see cref="AgencyRegistry.GetRecentAsync"/>) on a real Azurite.</summary>
public sealed class AgencyRegistryTests : FreshPipelineTest
{
    [Fact]
    public async Task An_agency_registered_or_changed_a_moment_ago_is_seen_at_once()
    {
        var registry = Host.Get<AgencyRegistry>();
        // An unknown folder is not remembered: registering it takes effect for the next upload.
        Assert.Null(await registry.GetRecentAsync("xinlai"));
        await registry.UpsertAsync([new AgencyRecord("xinlai", "新来县人民政府", [], "11620800X1")]);
        Assert.Equal("新来县人民政府", (await registry.GetRecentAsync("xinlai"))?.PublisherName);

        // A change made through this registry replaces what it remembers.
        await registry.UpsertAsync([new AgencyRecord("xinlai", "新来县人民政府办公室", [], "11620800X1")]);
        Assert.Equal("新来县人民政府办公室", (await registry.GetRecentAsync("xinlai"))?.PublisherName);
        Assert.Equal("新来县人民政府办公室", (await registry.GetAsync("xinlai"))?.PublisherName);
    }
}
