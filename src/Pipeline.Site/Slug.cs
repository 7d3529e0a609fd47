using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Site;

/// <summary>
/// URL path segments derived from input. A slug contains only [A-Za-z0-9_-], is deterministic, and two different
/// inputs never share a slug: forms that cannot collide are kept readable, every other input gets a hash suffix.
/// </summary>
public static partial class Slug
{
    private const int MaxReadableLength = 60;

    /// <summary>
    /// The slug of an index code. The national form <c>00638229X4/2019-1513549</c> becomes
    /// <c>00638229X4-2019-1513549</c>; a code of letters and digits only is kept as is; anything else becomes its
    /// sanitised letters/digits followed by <c>_</c> and a hash of the raw code. The three forms are disjoint
    /// (only the first contains '-' without '_', only the last contains '_'), so distinct codes get distinct slugs.
    /// </summary>
    public static string FromIndexCode(string indexCode)
    {
        ArgumentNullException.ThrowIfNull(indexCode);
        var code = indexCode.Trim();
        if (NationalIndexCode().IsMatch(code)) return code.Replace('/', '-');
        if (code.Length is > 0 and <= MaxReadableLength && AlphaNumeric().IsMatch(code)) return code;
        return Hashed(code, "r");
    }

    /// <summary>The slug of a publisher name (Chinese names become a stable hash: <c>p_3fa9c01b2e</c>).</summary>
    public static string FromPublisher(string publisherName)
    {
        ArgumentNullException.ThrowIfNull(publisherName);
        return Hashed(publisherName.Trim(), "p");
    }

    private static string Hashed(string raw, string emptyPrefix)
    {
        var readable = NotSlugChars().Replace(raw, "-").Trim('-');
        if (readable.Length > MaxReadableLength) readable = readable[..MaxReadableLength].TrimEnd('-');
        if (readable.Length == 0) readable = emptyPrefix;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(raw));
        return readable + "_" + Convert.ToHexStringLower(hash.AsSpan(0, 5));
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,40}/[0-9]{4}-[0-9]{1,20}$")]
    private static partial Regex NationalIndexCode();

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex AlphaNumeric();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NotSlugChars();
}
