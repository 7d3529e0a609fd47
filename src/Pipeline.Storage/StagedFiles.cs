using System.Buffers.Text;
using System.Text;

namespace Pipeline.Storage;

/// <summary>
/// What render stages for one version, read back as one: the rendered page and the report staged beside it (list
/// entry, search text, original, statistics: JSON the stages define), or null for a page staged before render staged one.
/// </summary>
public readonly record struct StagedFiles(ReadOnlyMemory<byte> Page, ReadOnlyMemory<byte>? Report)
{
    /// <summary>
    /// First line of a staging blob that holds both (<c>staging/…/v000N.staged</c>), then the report's length in bytes
    /// on a line of its own, then the report, then the page. One blob instead of a page and a JSON file beside it: render
    /// writes one and publish reads one, and every blob request costs a lookup (on Azurite, a scan of the account).
    /// </summary>
    internal static ReadOnlySpan<byte> Magic => "pipeline-staged/1\n"u8;

    /// <summary>The bytes of a staging blob holding <paramref name="page"/> and <paramref name="report"/>.</summary>
    public static byte[] Pack(ReadOnlySpan<byte> page, ReadOnlySpan<byte> report)
    {
        var length = Encoding.ASCII.GetBytes(report.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        var bytes = new byte[Magic.Length + length.Length + report.Length + page.Length];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        span = span[Magic.Length..];
        length.CopyTo(span);
        span = span[length.Length..];
        report.CopyTo(span);
        page.CopyTo(span[report.Length..]);
        return bytes;
    }

    /// <summary>Splits a staging blob written by <see cref="Pack"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a staging blob (wrong header, bad or too large a length).</exception>
    public static StagedFiles Unpack(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        if (!span.StartsWith(Magic)) throw new InvalidDataException("The staging blob does not start with " + Encoding.ASCII.GetString(Magic).TrimEnd() + ".");
        var rest = span[Magic.Length..];
        var newline = rest.IndexOf((byte)'\n');
        // Digits only (no sign or space), at most 10 of them: a blob here is far below 2 GiB.
        if (newline is < 1 or > 10 || rest[..newline].ContainsAnyExceptInRange((byte)'0', (byte)'9')
            || !Utf8Parser.TryParse(rest[..newline], out int length, out var consumed) || consumed != newline
            || length < 0 || length > rest.Length - newline - 1)
            throw new InvalidDataException("The staging blob's report length is missing or wrong.");
        var start = Magic.Length + newline + 1;
        return new StagedFiles(bytes[(start + length)..], bytes.Slice(start, length));
    }
}
