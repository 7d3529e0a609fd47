using System.Text.Json.Serialization;

namespace Pipeline.Stages;

/// <summary>The body <see cref="WebhookNotifier"/> POSTs to a webhook: <c>{"urls": [...], "publishedAt": "…"}</c>.</summary>
public sealed record WebhookPayload(
    [property: JsonPropertyName("urls")] IReadOnlyList<string> Urls,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset PublishedAt);
