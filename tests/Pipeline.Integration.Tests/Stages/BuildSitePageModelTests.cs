using Pipeline.Core;
using Pipeline.DevTools;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Pipeline.Site.Reports;
using Pipeline.Site.Search;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Stages;

/// <summary>
/// build-site (bench/Pipeline.DevTools.Site, compiled Native AOT without the stage code) builds a report file's page
/// as the render stage builds a first upload's: the same metadata, page bytes and search text as
/// <see cref="PageModelFactory.Build"/> gives the ledger row the validate stage records for it.
/// </summary>
public sealed class BuildSitePageModelTests
{
    public static TheoryData<string> ReportFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Samples, "*.txt")
                     .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests", "corpus"), "*.txt")).Order(StringComparer.Ordinal))
            files.Add(Path.GetRelativePath(RepoPaths.Root, file));
        return files;
    }

    [Theory]
    [MemberData(nameof(ReportFiles))]
    public void A_report_file_gets_the_page_model_the_render_stage_gives_its_first_upload(string relativePath)
    {
        var file = Path.Combine(RepoPaths.Root, relativePath);
        var fileName = Path.GetFileName(file);
        var analysis = ReportAnalyzer.Analyze(File.ReadAllBytes(file), fileName);
        var name = Path.GetFileNameWithoutExtension(fileName);
        // A first upload's ledger row: version 1, the document's index code else an assigned one, its title else the
        // file name; no archived original (build-site offers none), no release time yet.
        var ledgerRow = new LedgerEntry
        {
            IndexCode = analysis.Metadata.IndexCode.Value ?? "LOCAL-" + name,
            Version = 1,
            FileName = fileName,
            Title = analysis.Metadata.Title.Value ?? name,
            Publisher = analysis.Metadata.Publisher.Value,
        };
        var options = new SiteOptions();
        var stage = PageModelFactory.Build(analysis, ledgerRow, options, registeredPublisher: null);

        var buildSite = BuildSiteCommand.FirstUploadModel(analysis, fileName);

        Assert.Equal(stage.Metadata, buildSite.Metadata);
        Assert.Equal(ReportPageRenderer.RenderUtf8(stage, options), ReportPageRenderer.RenderUtf8(buildSite, options));
        Assert.Equal(ReportSearchText.Of(stage), ReportSearchText.Of(buildSite));
    }
}
