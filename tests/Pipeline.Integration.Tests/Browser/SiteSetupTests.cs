using Pipeline.Storage;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>The suite's premises: what the fixture published. If these fail, the browser tests would test nothing.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class SiteSetupTests(PublicSiteFixture site, ITestOutputHelper output)
{
    [Fact]
    public void The_samples_and_hostile_uploads_ended_where_expected()
    {
        foreach (var r in site.Samples.Concat(site.XssReports).Append(site.Held).Append(site.WideTable).Append(site.Withdrawn).Append(site.HostileIndexCode))
            output.WriteLine($"{r.FileName} -> {r.UploadOutcome} {r.State} {r.IndexCode} [{r.Publisher}] {r.Title}");

        Assert.Equal([ReportState.Published, ReportState.Published, ReportState.Published, ReportState.Published, null],
            site.Samples.Select(s => s.State));
        Assert.Equal("Rejected", site.Sample("004").UploadOutcome);
        Assert.Equal(ReportState.Held, site.Held.State);
        Assert.Equal(ReportState.Published, site.WideTable.State);
        Assert.Equal(ReportState.Withdrawn, site.Withdrawn.State);
        // Every hostile upload is published, so the site really carries every payload.
        Assert.All(site.XssReports, r => Assert.Equal(ReportState.Published, r.State));
        Assert.Contains(site.HostileIndexCode.UploadOutcome, new[] { "Accepted", "Rejected" });
    }
}
