using System.Buffers;
using System.Text;

namespace Pipeline.Site.Html;

/// <summary>A TextWriter that encodes UTF-8 straight into an <see cref="IBufferWriter{T}"/>.</summary>
internal sealed class BufferTextWriter(IBufferWriter<byte> output) : TextWriter
{
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> chars)
    {
        while (true)
        {
            var span = output.GetSpan(Math.Max(16, Math.Min(chars.Length * 3, 64 * 1024)));
            _encoder.Convert(chars, span, flush: false, out var charsUsed, out var bytesUsed, out var completed);
            output.Advance(bytesUsed);
            chars = chars[charsUsed..];
            if (completed && chars.IsEmpty) return;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            var span = output.GetSpan(16);
            _encoder.Convert(ReadOnlySpan<char>.Empty, span, flush: true, out _, out var bytesUsed, out _);
            output.Advance(bytesUsed);
        }
        base.Dispose(disposing);
    }
}
