using Pipeline.Cli.Hosting;

namespace Pipeline.Cli.Tests;

public class TerminalProgressTests
{
    [Fact]
    public void Bar_shows_the_fraction_done_and_the_detail()
    {
        Assert.Equal("upload [##############--------------]  50% [1/2] a.txt", TerminalProgress.Format("upload", 5, 10, "[1/2] a.txt"));
        Assert.Equal("rebuild [----------------------------]   0%", TerminalProgress.Format("rebuild", 0, 10, null));
        Assert.Equal("rebuild [############################] 100%", TerminalProgress.Format("rebuild", 0, 0, null));
    }

    [Fact]
    public void Redraws_in_place_fits_the_width_and_erases_itself()
    {
        var writer = new StringWriter();
        using (var bar = new TerminalProgress(writer, "upload", width: 40))
        {
            bar.Report(10, 10, "a very long file name that does not fit on the line");
            Assert.StartsWith("\rupload [", writer.ToString());
            Assert.Equal(1 + 39, writer.ToString().Length); // "\r" + the line cut to width - 1
        }
        Assert.EndsWith("\r" + new string(' ', 39) + "\r", writer.ToString());
    }

    [Fact]
    public void Draws_nothing_without_a_terminal()
    {
        using var bar = new TerminalProgress(null, "upload");
        Assert.False(bar.Visible);
        bar.Report(1, 2, "x");
        bar.Clear();
    }
}
