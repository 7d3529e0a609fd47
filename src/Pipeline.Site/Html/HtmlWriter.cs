using System.Buffers;
using System.Globalization;

namespace Pipeline.Site.Html;

/// <summary>
/// A small typed HTML writer. Input text leaves only through <see cref="Text"/> / <see cref="Attribute"/>, which
/// escape; <see cref="Raw"/> is reserved for template constants written in this assembly.
/// </summary>
public sealed class HtmlWriter
{
    private static readonly SearchValues<char> TextSpecials = SearchValues.Create("&<>\"'");

    private readonly TextWriter _out;

    public HtmlWriter(TextWriter output) => _out = output;

    /// <summary>Writes template markup as is. Never pass input text here.</summary>
    public HtmlWriter Raw(string markup)
    {
        _out.Write(markup);
        return this;
    }

    /// <summary>Writes text content, escaping every character that could end the text or start markup.</summary>
    public HtmlWriter Text(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var i = text.IndexOfAny(TextSpecials);
            if (i < 0)
            {
                WriteClean(text);
                return this;
            }
            WriteClean(text[..i]);
            _out.Write(text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "&#39;",
            });
            text = text[(i + 1)..];
        }
        return this;
    }

    public HtmlWriter Text(string? text) => text is null ? this : Text(text.AsSpan());

    /// <summary>Writes <c> name="value"</c> with the value escaped (attribute values are always double-quoted).</summary>
    public HtmlWriter Attribute(string name, ReadOnlySpan<char> value)
    {
        _out.Write(' ');
        _out.Write(name);
        _out.Write("=\"");
        Text(value);
        _out.Write('"');
        return this;
    }

    public HtmlWriter Attribute(string name, string? value) => Attribute(name, value.AsSpan());

    public HtmlWriter Number(long value)
    {
        Span<char> buffer = stackalloc char[20];
        value.TryFormat(buffer, out var written, provider: CultureInfo.InvariantCulture);
        _out.Write(buffer[..written]);
        return this;
    }

    /// <summary>Writes an ISO date (yyyy-MM-dd).</summary>
    public HtmlWriter IsoDate(DateOnly date)
    {
        Span<char> buffer = stackalloc char[10];
        date.TryFormat(buffer, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        _out.Write(buffer[..written]);
        return this;
    }

    /// <summary>Writes <c>&lt;time datetime="2019-03-11"&gt;2019-03-11&lt;/time&gt;</c>.</summary>
    public HtmlWriter Time(DateOnly date) => Raw("<time datetime=\"").IsoDate(date).Raw("\">").IsoDate(date).Raw("</time>");

    // Strips control characters that are not allowed in HTML text (they make the document invalid) as it writes.
    private void WriteClean(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var bad = IndexOfForbidden(text);
            if (bad < 0)
            {
                _out.Write(text);
                return;
            }
            _out.Write(text[..bad]);
            _out.Write(' ');
            text = text[(bad + 1)..];
        }
    }

    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F\uFFFE\uFFFF");

    private static int IndexOfForbidden(ReadOnlySpan<char> text) => text.IndexOfAny(Forbidden);
}
