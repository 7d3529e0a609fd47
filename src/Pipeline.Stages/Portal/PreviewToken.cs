using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Stages.Portal;

/// <summary>
/// A preview link's token: which agency's report, which staging blob, until when; HMAC-SHA256 over all of it with the
/// key of <see cref="Pipeline.Storage.Portal.PreviewKeyStore"/>. Not guessable (256-bit MAC), bound to one staging blob
/// and one agency, expires after <see cref="Lifetime"/>. Base64url, so it is one path segment.
/// </summary>
public sealed record PreviewToken(string Agency, string IndexCode, string StagingBlob, DateTimeOffset ExpiresAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public string Sign(byte[] key)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', Agency, IndexCode, StagingBlob, ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, payload));
    }

    /// <summary>The token's content when its MAC is right (expiry is the caller's check), else null.</summary>
    public static PreviewToken? Verify(string? token, byte[] key)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096) return null;
        var dot = token.IndexOf('.');
        if (dot <= 0) return null;
        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(key, payload))) return null;
        var parts = Encoding.UTF8.GetString(payload).Split('\n');
        if (parts.Length != 4 || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return null;
        return new PreviewToken(parts[0], parts[1], parts[2], DateTimeOffset.FromUnixTimeSeconds(seconds));
    }
}
