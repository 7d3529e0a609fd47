using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Azure.Functions.Worker.Http;

namespace Pipeline.Functions;

/// <summary>JSON in and out of the HTTP functions: web naming (camelCase), enums as their names.</summary>
internal static class HttpJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Every type read or written here is in HttpJsonContext: generated contracts, no reflection at run time.
        TypeInfoResolver = HttpJsonContext.Default,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The generated contract of <typeparamref name="T"/> with these options (it must be listed in <see cref="HttpJsonContext"/>).</summary>
    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>Request bodies beyond this size are refused before they are parsed.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static async Task<HttpResponseData> WriteAsync<T>(HttpRequestData request, HttpStatusCode status, T value, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        // Status answers change with every stage run and may name unpublished reports: never cache them.
        response.Headers.Add("Cache-Control", "no-store");
        await JsonSerializer.SerializeAsync(response.Body, value, TypeInfo<T>(), cancellationToken).ConfigureAwait(false);
        return response;
    }

    public static Task<HttpResponseData> ProblemAsync(HttpRequestData request, HttpStatusCode status, string message, CancellationToken cancellationToken) =>
        WriteAsync(request, status, new Problem((int)status, message), cancellationToken);

    /// <summary>The body parsed as <typeparamref name="T"/>, or null when it is missing, too large or not that JSON.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequestData request, CancellationToken cancellationToken) where T : class
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), TypeInfo<T>());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The raw body, or one byte more than <paramref name="limit"/> when it is larger (the caller refuses that).</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequestData request, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit) return new byte[limit + 1];
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public sealed record Problem(int Status, string Message);
}
