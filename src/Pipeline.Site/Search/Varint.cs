using System.Buffers;
using System.Text;

namespace Pipeline.Site.Search;

internal static class Varint
{
    public static void Write(IBufferWriter<byte> w, uint value)
    {
        var span = w.GetSpan(5);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        w.Advance(n);
    }

    public static uint Read(ReadOnlySpan<byte> data, ref int position)
    {
        uint value = 0;
        var shift = 0;
        while (true)
        {
            var b = data[position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
            shift += 7;
        }
    }
}
