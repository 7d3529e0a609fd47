using System.Text;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Storage;

/// <summary>
/// The one staging blob a version's page and report travel in: what goes in comes out byte for byte, and anything
/// else is refused as data (publishing parks such a report with its reason instead of failing every run).
/// </summary>
public sealed class StagedFilesTests
{
    [Theory]
    [InlineData("<!DOCTYPE html><p>正文</p>", "{\"entry\":{\"title\":\"平凉市\"}}")]
    [InlineData("", "{}")]
    [InlineData("<p>\n12\n</p>", "")]
    public void What_is_packed_unpacks_byte_for_byte(string page, string report)
    {
        var packed = StagedFiles.Pack(Encoding.UTF8.GetBytes(page), Encoding.UTF8.GetBytes(report));

        var files = StagedFiles.Unpack(packed);

        Assert.Equal(page, Encoding.UTF8.GetString(files.Page.Span));
        Assert.Equal(report, Encoding.UTF8.GetString(files.Report!.Value.Span));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><p>a page staged alone</p>")] // the earlier layout's page, read as a staging blob
    [InlineData("pipeline-staged/2\n2\n{}")]
    [InlineData("pipeline-staged/1\n")]
    [InlineData("pipeline-staged/1\n\n{}")]
    [InlineData("pipeline-staged/1\n3\n{}")] // longer than what follows
    [InlineData("pipeline-staged/1\n-1\n{}")]
    [InlineData("pipeline-staged/1\n+2\n{}")]
    [InlineData("pipeline-staged/1\n 2\n{}")]
    [InlineData("pipeline-staged/1\n99999999999\n{}")]
    [InlineData("pipeline-staged/1\n2")]
    public void Anything_else_is_refused_as_bad_data(string bytes)
    {
        Assert.Throws<InvalidDataException>(() => StagedFiles.Unpack(Encoding.UTF8.GetBytes(bytes)));
    }
}
