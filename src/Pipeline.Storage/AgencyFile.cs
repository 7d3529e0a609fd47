using System.Text.Json.Serialization;

namespace Pipeline.Storage;

/// <summary>config/agencies.json: <c>{"agencies": [ … ]}</c>, read by <see cref="AgencyRecord.LoadFileAsync"/>.</summary>
internal sealed record AgencyFile([property: JsonPropertyName("agencies")] IReadOnlyList<AgencyRecord> Agencies);
