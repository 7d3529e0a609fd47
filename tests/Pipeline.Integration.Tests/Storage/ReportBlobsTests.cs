using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Storage;

/// <summary>The report blob layout, and what the validate stage writes where (on a real Azurite).</summary>
public sealed class ReportBlobsTests : FreshPipelineTest
{
    [Fact]
    public void Names_follow_the_documented_layout()
    {
        var hash = new string('a', 64);
        Assert.Equal("hebi/report.TXT", ReportBlobs.IncomingName("hebi", "report.TXT"));
        Assert.Equal($"hebi/{hash}.txt", ReportBlobs.ArchiveName("hebi", hash, "report.TXT"));
        Assert.Equal($"hebi/report.TXT/{hash}.txt", ReportBlobs.QuarantineName("hebi", "report.TXT", hash));
        Assert.Equal("hebi/report.TXT.json", ReportBlobs.ResultName("hebi", "report.TXT"));
        Assert.Equal("00638229X4~002F2019-1/v0012.json", ReportBlobs.ParsedName("00638229X4/2019-1", 12));
        Assert.Equal("00638229X4~002F2019-1/v0012.staged", ReportBlobs.StagingName("00638229X4/2019-1", 12));
        Assert.Equal("00638229X4~002F2019-1/v0012.json", ReportBlobs.StagedReportName("00638229X4~002F2019-1/v0012.html")); // the earlier layout
    }

    [Fact]
    public void Names_derived_from_a_very_long_upload_name_stay_within_the_blob_name_limit()
    {
        var longName = new string('长', 2000) + ".txt";
        var hash = new string('b', 64);
        Assert.True(ReportBlobs.ResultName("hebi", longName).Length <= DerivedNames.MaxBlobNameLength);
        Assert.True(ReportBlobs.QuarantineName("hebi", longName, hash).Length <= DerivedNames.MaxBlobNameLength);
        Assert.NotEqual(ReportBlobs.ResultName("hebi", longName), ReportBlobs.ResultName("hebi", longName + "x"));
    }

    [Fact]
    public async Task An_accepted_upload_is_stored_where_the_layout_says()
    {
        const string code = "01362021X2/2025-00440";
        var content = TestReports.Make("平凉市布局测试报告", "布局正文。", code, "主动公开");
        await Host.UploadAsync("pingliang", "layout.TXT", content);

        await Host.ProcessUploadsAsync();

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        Assert.Equal([ReportBlobs.ArchiveName("pingliang", hash, "layout.TXT")], await Host.ListBlobsAsync(StorageNames.ArchiveContainer));
        Assert.Equal([ReportBlobs.ParsedName(code, 1)], await Host.ListBlobsAsync(StorageNames.ParsedContainer));
        Assert.Equal([ReportBlobs.ResultName("pingliang", "layout.TXT")], await Host.ListBlobsAsync(StorageNames.ResultsContainer));
        var archived = await Host.Get<ReportBlobs>().GetArchiveAsync(ReportBlobs.ArchiveName("pingliang", hash, "layout.TXT"));
        Assert.Equal(content, archived.ToArray());
    }
}
