using System.Text;
using AngleSharp.Html.Parser;
using Pipeline.Site;
using Pipeline.Site.Catalog;
using Pipeline.Site.Publishing;
using Pipeline.Site.Reports;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Tests.Publishing;

/// <summary>附件下载 without storage: the headers of the original, the page's section, and the publisher writing and removing the file.</summary>
public sealed class OriginalFileTests
{
    [Fact]
    public void Content_disposition_keeps_the_chinese_name_and_gives_an_ascii_fallback()
    {
        var original = OriginalFile.ForUpload(@"C:\年报\北景港镇2023年度报告 (定稿).pdf", 1_234_567, "pdf");
        Assert.Equal("北景港镇2023年度报告 (定稿).pdf", original.FileName);
        Assert.Equal("application/pdf", original.ContentType);
        Assert.Equal("attachment; filename=\"____2023____ (__).pdf\"; filename*=UTF-8''" +
                     "%E5%8C%97%E6%99%AF%E6%B8%AF%E9%95%872023%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A%20%28%E5%AE%9A%E7%A8%BF%29.pdf", original.ContentDisposition);
        Assert.Equal("reports/abc/original.pdf", original.SitePath("abc"));
        Assert.Equal("1.2 MB", original.SizeText);
    }

    [Theory]
    [InlineData("docx", ".docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("html/gb18030", ".html", "网页", "application/octet-stream")]
    [InlineData("gb18030", ".txt", "文本", "text/plain; charset=gb18030")]
    [InlineData("utf-8-bom", ".txt", "文本", "text/plain; charset=utf-8")]
    public void The_format_comes_from_what_was_decoded_not_the_name(string encoding, string extension, string format, string contentType)
    {
        var original = OriginalFile.ForUpload("report.pdf", 10, encoding);
        Assert.Equal(extension, original.Extension);
        Assert.Equal(format, original.Format);
        Assert.Equal(contentType, original.ContentType);
    }

    [Fact]
    public void The_page_offers_the_original_only_when_its_metadata_carries_one()
    {
        var report = SitePublisherTests.Report(1);
        var meta = PageMetadata.From(new Pipeline.Core.Model.ReportMetadata(), "标题") with { IndexCode = report.Entry.IndexCode };
        var document = new Pipeline.Core.Model.ReportDocument("标题", [new Pipeline.Core.Model.Paragraph("正文")], null);
        var without = ReportPageRenderer.Render(new ReportPageModel(document, meta), new SiteOptions());
        Assert.DoesNotContain("附件下载", without);

        var original = new OriginalFile("<script>报告.pdf", ".pdf", 2048);
        var html = ReportPageRenderer.Render(new ReportPageModel(document, meta with { Original = original }), new SiteOptions());
        var link = new HtmlParser().ParseDocument(html).QuerySelector("section.original a")!;
        Assert.Equal("original.pdf", link.GetAttribute("href"));
        Assert.True(link.HasAttribute("download"));
        Assert.Equal("<script>报告.pdf", link.TextContent);
        Assert.Contains("PDF", html);
        Assert.Contains("2 KB", html);
    }

    [Fact]
    public async Task The_publisher_writes_the_original_with_its_headers_and_a_withdrawal_deletes_it()
    {
        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        var publisher = new SitePublisher(site, state, new SiteOptions());
        var report = SitePublisherTests.Report(1);
        var original = OriginalFile.ForUpload("年报.pdf", 4, "pdf");
        var file = new SiteFile(original.SitePath(report.Entry.Slug), Encoding.ASCII.GetBytes("%PDF"), original.ContentType, "public, max-age=300", original.ContentDisposition);
        await publisher.PublishAsync([report with { Original = file }], []);

        var stored = site.Files[file.Path];
        Assert.Equal("application/pdf", stored.ContentType);
        Assert.Equal(original.ContentDisposition, stored.ContentDisposition);

        await publisher.PublishAsync([], [new Withdrawal(report.Entry.IndexCode, report.Entry.Slug, "撤回", DateTimeOffset.UnixEpoch)]);
        Assert.DoesNotContain(file.Path, site.Files.Keys);
    }

    [Fact]
    public async Task A_revision_that_no_longer_offers_the_original_removes_it()
    {
        var site = new MemorySiteStore();
        var publisher = new SitePublisher(site, new MemorySiteStore(), new SiteOptions());
        var report = SitePublisherTests.Report(2);
        var original = OriginalFile.ForUpload("年报.docx", 4, "docx");
        var file = new SiteFile(original.SitePath(report.Entry.Slug), new byte[] { 1, 2, 3, 4 }, original.ContentType, "public, max-age=300", original.ContentDisposition);
        await publisher.PublishAsync([report with { Original = file }], []);
        Assert.Contains(file.Path, site.Files.Keys);

        await publisher.PublishAsync([report with { Entry = report.Entry with { Version = 2 } }], []);
        Assert.DoesNotContain(file.Path, site.Files.Keys);
    }
}
