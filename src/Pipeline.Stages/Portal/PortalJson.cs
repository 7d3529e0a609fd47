using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace Pipeline.Stages.Portal;

/// <summary>JSON of the portal API: web naming (camelCase), enums as names, nulls left out, Chinese written as is.</summary>
public static class PortalJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Every type the portal reads or answers is in PortalJsonContext: no reflection (the CLI turns it off).
        TypeInfoResolver = PortalJsonContext.Default,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Safe in a JSON response (never inlined into HTML): the page inserts every value as text.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The generated contract of <typeparamref name="T"/> with these options (it must be listed in <see cref="PortalJsonContext"/>).</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>The body as <typeparamref name="T"/>, or null when it is empty, too large or not that JSON.</summary>
    public static T? Read<T>(ReadOnlyMemory<byte> body) where T : class
    {
        if (body.IsEmpty || body.Length > PortalApi.MaxBodyBytes) return null;
        try
        {
            return JsonSerializer.Deserialize(body.Span, TypeInfo<T>());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
