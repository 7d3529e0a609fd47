using System.Text;
using System.Text.Json;

namespace Pipeline.Stages.Portal;

/// <summary>What the portal answers; the host copies status, headers and body onto its own response type.</summary>
public sealed record PortalResponse(int Status, string ContentType, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Sent with every answer: no caching (answers are per person), no sniffing, no framing, no referrer.</summary>
    private static readonly Dictionary<string, string> CommonHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Cache-Control"] = "no-store",
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "no-referrer",
        ["X-Frame-Options"] = "DENY",
    };

    public static PortalResponse Json<T>(int status, T value) =>
        new(status, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, PortalJson.TypeInfo<T>()), CommonHeaders);

    /// <summary>A refusal or error: a stable code, the message in Chinese and in English.</summary>
    public static PortalResponse Problem(int status, string code, string messageZh, string messageEn, string? signInUrl = null) =>
        Json(status, new PortalProblem(status, code, messageZh, messageEn, signInUrl));

    public static PortalResponse File(int status, string contentType, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? extraHeaders = null)
    {
        var headers = new Dictionary<string, string>(CommonHeaders, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in extraHeaders ?? new Dictionary<string, string>()) headers[name] = value;
        return new PortalResponse(status, contentType, body, headers);
    }

    public static PortalResponse Redirect(string location) =>
        File(301, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(location), new Dictionary<string, string> { ["Location"] = location });
}

/// <summary>The body of every refusal: Chinese first, English on request (the page shows <see cref="MessageEn"/> when asked).</summary>
public sealed record PortalProblem(int Status, string Code, string Message, string MessageEn, string? SignInUrl = null);
