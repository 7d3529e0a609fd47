using System.Text;

namespace Pipeline.Storage;

/// <summary>
/// Reversible encoding of free text (index codes, file names) into Azure Table keys, which may not contain
/// '/', '\', '#', '?' or control characters. Escapes as "~XXXX" (UTF-16 code unit in hex); '~' itself is escaped,
/// and so are '%' and '\'' which some Table endpoints mishandle in URLs. Readable for the common case:
/// "00638229X4/2019-1" becomes "00638229X4~002F2019-1".
/// </summary>
public static class TableKeys
{
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder? sb = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (NeedsEscape(c))
            {
                sb ??= new StringBuilder(value.Length + 8).Append(value, 0, i);
                sb.Append('~').Append(((int)c).ToString("X4"));
            }
            else
            {
                sb?.Append(c);
            }
        }
        return sb?.ToString() ?? value;
    }

    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains('~')) return key;
        var sb = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '~' && i + 5 <= key.Length && ushort.TryParse(key.AsSpan(i + 1, 4), System.Globalization.NumberStyles.HexNumber, null, out var code))
            {
                sb.Append((char)code);
                i += 4;
            }
            else
            {
                sb.Append(key[i]);
            }
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or '~' or '%' or '\'' || char.IsControl(c);
}
