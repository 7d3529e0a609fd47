using System.IO.Compression;
using System.Text;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Storage;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>
/// Bounded resources, measured on the real local host (`pipeline run`, one fresh process per upload so its VmHWM is
/// that upload's): each of these uploads passes the upload size limit (20 MiB) and the .docx archive checks, and must
/// be handled — rejected with a finding, or published — with the host's peak resident memory under 512 MB; a report
/// that is published adds no search file above 1 MB. Before the limits (issue 16) the .docx took a host to 4,591 MiB
/// and the text report to 1,425 MiB, and one report's words made a 25.8 MB search file every query downloaded.
/// </summary>
[Collection(HostProcessCollection.Name)]
public sealed class UploadMemoryTests(ITestOutputHelper output)
{
    private const long Budget = 512L * 1024 * 1024;
    private const long MaxSearchFileBytes = 1024 * 1024;

    public static TheoryData<string> Uploads => ["many-paragraphs.docx", "twenty-megabytes.txt", "largest-accepted.txt"];

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task An_upload_within_the_limits_is_handled_within_512_MB(string name)
    {
        await using var azurite = await AzuriteInstance.StartNewAsync();
        await using var storage = await PipelineTestHost.StartAsync(azurite);
        var (content, expectPublished) = Build(name);
        var code = "01362021X2/2025-90001";
        await storage.UploadAsync("pingliang", name, content);
        await using var host = new PipelineHostProcess(azurite, PipelineHostProcess.FastSettings());
        await host.StartAsync();

        long peak = 0;
        var settled = await SiteAudit.WaitUntilAsync(async () =>
        {
            peak = Math.Max(peak, host.PeakResidentBytes() ?? 0);
            var outcome = await storage.OutcomeOfAsync("pingliang", name);
            if (outcome is null) return false;
            if (!expectPublished) return true;
            return outcome.IndexCode is not null && (await storage.LatestAsync(outcome.IndexCode))?.State is ReportState.Published or ReportState.Failed;
        }, TimeSpan.FromSeconds(240), TimeSpan.FromMilliseconds(200));
        peak = Math.Max(peak, host.PeakResidentBytes() ?? 0);

        var upload = await storage.OutcomeOfAsync("pingliang", name);
        output.WriteLine($"{name}: {content.Length:N0} bytes; outcome {upload?.Outcome} {upload?.IndexCode}; host peak (VmHWM) {peak / 1048576.0:0} MiB");
        Assert.True(settled, "not settled in 240 s\n" + string.Join("\n", host.Log.TakeLast(20)));
        Assert.True(peak < Budget, $"host peak {peak / 1048576.0:0} MiB, budget 512 MiB");
        if (!expectPublished)
        {
            Assert.Equal("Rejected", upload!.Outcome);
            var result = await storage.ReadTextAsync(StorageNames.ResultsContainer, $"pingliang/{name}.json");
            Assert.Contains("too-much-content", result);
            return;
        }
        Assert.Equal(ReportState.Published, (await storage.LatestAsync(code))!.State);
        var biggest = 0L;
        await foreach (var blob in storage.Container(StorageNames.WebContainer).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "search/", CancellationToken.None))
            biggest = Math.Max(biggest, blob.Properties.ContentLength ?? 0);
        output.WriteLine($"largest search file: {biggest:N0} bytes");
        Assert.True(biggest <= MaxSearchFileBytes, $"a search file of {biggest:N0} bytes");
    }

    private static (byte[] Content, bool ExpectPublished) Build(string name) => name switch
    {
        "many-paragraphs.docx" => (ManyParagraphsDocx(), false),
        "twenty-megabytes.txt" => (Text(19_900_000 / 3 / 50, "01362021X2/2025-90001"), false),
        _ => (Text(38_000, "01362021X2/2025-90001"), true),
    };

    /// <summary>
    /// A report of <paramref name="lines"/> lines of 48 random Han characters (a vocabulary of 3,000 characters, so
    /// hundreds of thousands of distinct bigrams: the worst case for search), with a proper header.
    /// </summary>
    private static byte[] Text(int lines, string indexCode)
    {
        var random = new Random(16);
        var body = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            for (var k = 0; k < 48; k++) body.Append((char)(0x4E00 + random.Next(3000)));
            body.Append("。\n");
        }
        return HardeningReports.Report("平凉市人民政府2025年政府信息公开工作年度报告", body.ToString(), indexCode, "主动公开");
    }

    /// <summary>
    /// The shape of the attack: 783,784 paragraphs of four random Han characters, a 35 MB document part compressing
    /// about 5:1 into a ~7 MB archive, so the entry count, total size and compression ratio checks all pass.
    /// </summary>
    private static byte[] ManyParagraphsDocx()
    {
        var random = new Random(16);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
        xml.Append("<w:p><w:r><w:t>平凉市人民政府2025年政府信息公开工作年度报告</w:t></w:r></w:p>");
        for (var i = 0; i < 783_783; i++)
        {
            xml.Append("<w:p><w:r><w:t>");
            for (var k = 0; k < 4; k++) xml.Append((char)(0x4E00 + random.Next(3000)));
            xml.Append("</w:t></w:r></w:p>");
        }
        xml.Append("</w:body></w:document>");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Write(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            Write(zip, "word/document.xml", xml.ToString());
        }
        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
