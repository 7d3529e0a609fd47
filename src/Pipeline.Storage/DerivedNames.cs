using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Storage;

/// <summary>
/// Names derived from an uploaded file's name (result blobs, table keys). Upload names may be as long as storage
/// allows, so a derived name that would pass a limit keeps a readable prefix and ends with a hash of the full name:
/// still unique, still deterministic.
/// </summary>
public static class DerivedNames
{
    /// <summary>Blob names: 1,024 characters at most; keep room for prefixes and suffixes.</summary>
    public const int MaxBlobNameLength = 1024;

    /// <summary>Table keys may be 1 KiB; escaped characters grow ×5, so cap the readable part well below.</summary>
    public const int MaxKeyPartLength = 200;

    public static string Shorten(string name, int maxLength)
    {
        if (name.Length <= maxLength) return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32];
        var keep = Math.Max(0, maxLength - hash.Length - 1);
        return name[..keep] + "~" + hash;
    }

    /// <summary>
    /// True when a blob name cannot be addressed safely over HTTP: a "." or ".." segment, which URI resolution would
    /// remove ("a/../b/x" becomes "b/x", another agency's blob). Other odd names (control characters, empty
    /// segments) are escaped by the storage SDK and handled normally.
    /// </summary>
    public static bool IsUnsafeBlobName(string name) =>
        name.Length == 0 || name.Split('/').Any(segment => segment is "." or "..");
}
