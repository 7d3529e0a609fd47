using System.Diagnostics;
using System.Text;

namespace Pipeline.Cli.Hosting;

/// <summary>
/// A progress bar for long work (uploading many files, a rebuild), redrawn in place on stderr — and only when stderr
/// is a terminal, so scripts, pipes, logs and tests never see it. Command output stays on stdout, unchanged.
/// </summary>
public sealed class TerminalProgress : IDisposable
{
    private const int BarWidth = 28;
    private static readonly long RedrawInterval = Stopwatch.Frequency / 10;

    private readonly TextWriter? _writer;
    private readonly string _label;
    private readonly int _width;
    private long _lastDraw = long.MinValue;
    private int _drawnLength;

    /// <param name="writer">Where to draw, or null to draw nothing.</param>
    /// <param name="width">Columns of the terminal; the line is cut to fit so it never wraps.</param>
    public TerminalProgress(TextWriter? writer, string label, int width = 80)
    {
        _writer = writer;
        _label = label;
        _width = Math.Max(20, width);
    }

    /// <summary>A bar on stderr when stderr is a terminal; otherwise one that draws nothing.</summary>
    public static TerminalProgress OnStandardError(string label)
    {
        if (Console.IsErrorRedirected) return new TerminalProgress(null, label);
        int width;
        try { width = Console.WindowWidth; }
        catch (IOException) { width = 80; }
        return new TerminalProgress(Console.Error, label, width > 0 ? width : 80);
    }

    public bool Visible => _writer is not null;

    /// <summary>Redraws the bar (at most ten times a second, and always at the end).</summary>
    public void Report(long done, long total, string? detail = null)
    {
        if (_writer is null) return;
        var now = Stopwatch.GetTimestamp();
        if (done < total && now - _lastDraw < RedrawInterval) return;
        _lastDraw = now;
        var line = Format(_label, done, total, detail);
        if (line.Length > _width - 1) line = line[..(_width - 1)];
        _writer.Write("\r" + line + new string(' ', Math.Max(0, _drawnLength - line.Length)));
        _writer.Flush();
        _drawnLength = line.Length;
    }

    /// <summary>Erases the bar, so a line written next (to stdout on the same terminal) starts clean.</summary>
    public void Clear()
    {
        if (_writer is null || _drawnLength == 0) return;
        _writer.Write("\r" + new string(' ', _drawnLength) + "\r");
        _writer.Flush();
        _drawnLength = 0;
        _lastDraw = long.MinValue;
    }

    public void Dispose() => Clear();

    /// <summary>"label [##########----------]  50% 5/10 detail".</summary>
    public static string Format(string label, long done, long total, string? detail)
    {
        var fraction = total <= 0 ? 1.0 : Math.Clamp((double)done / total, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var line = new StringBuilder(label.Length + BarWidth + 32);
        line.Append(label).Append(" [").Append('#', filled).Append('-', BarWidth - filled).Append("] ")
            .Append(((int)(fraction * 100)).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(3)).Append('%');
        if (detail is not null) line.Append(' ').Append(detail);
        return line.ToString();
    }
}
