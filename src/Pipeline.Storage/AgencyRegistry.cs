using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Pipeline.Core;

namespace Pipeline.Storage;

/// <summary>
/// One registered agency: its folder under incoming/, official name, aliases, organisation code and, optionally, its
/// kind ("government" or "department", for annual report deadlines; read from the name when absent).
/// </summary>
public sealed record AgencyRecord(
    [property: JsonPropertyName("folder")] string Folder,
    [property: JsonPropertyName("publisherName")] string PublisherName,
    [property: JsonPropertyName("aliases")] IReadOnlyList<string> Aliases,
    [property: JsonPropertyName("organisationCode")] string OrganisationCode,
    [property: JsonPropertyName("kind")] string? Kind = null)
{
    public AgencyContext ToContext() => new(Folder, PublisherName, Aliases, OrganisationCode, Pipeline.Core.Timeliness.PublisherKinds.Parse(Kind));

    /// <summary>Reads config/agencies.json: <c>{"agencies": [ {folder, publisherName, aliases, organisationCode} ]}</c>.</summary>
    public static async Task<IReadOnlyList<AgencyRecord>> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        var file = await JsonSerializer.DeserializeAsync(stream, StorageJsonContext.Default.AgencyFile, cancellationToken).ConfigureAwait(false);
        return file?.Agencies ?? [];
    }
}

/// <summary>The agency registry table (partition "agency", row key = folder).</summary>
public sealed class AgencyRegistry(TableServiceClient tables, TimeProvider time)
{
    /// <summary>How long <see cref="GetRecentAsync"/> answers from a record it read (a registry change reaches validation and rendering within this).</summary>
    public static readonly TimeSpan RecentFor = TimeSpan.FromSeconds(30);

    private const string Partition = "agency";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.AgenciesTable);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (AgencyRecord Record, DateTimeOffset ReadAt)> _recent = new(StringComparer.Ordinal);

    /// <summary>Idempotent: upserts every record (re-running the seed changes nothing).</summary>
    public async Task UpsertAsync(IEnumerable<AgencyRecord> agencies, CancellationToken cancellationToken = default)
    {
        foreach (var agency in agencies)
        {
            var entity = new TableEntity(Partition, TableKeys.Encode(agency.Folder))
            {
                ["PublisherName"] = agency.PublisherName,
                ["Aliases"] = JsonSerializer.Serialize(agency.Aliases, StorageJsonContext.Default.IReadOnlyListString),
                ["OrganisationCode"] = agency.OrganisationCode,
                ["Kind"] = agency.Kind,
            };
            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            _recent.TryRemove(agency.Folder, out _);
        }
    }

    /// <summary>
    /// As <see cref="GetAsync"/>, but a record read in the last <see cref="RecentFor"/> is answered without a request:
    /// for the validate and render stages, which look the same few agencies up for every upload (a table GET each).
    /// Only registered agencies are remembered, so an agency registered a moment ago is seen at once and an unknown
    /// folder is asked about every time; access decisions (<c>AgencyAccess</c>) use <see cref="GetAsync"/>.
    /// </summary>
    public async Task<AgencyRecord?> GetRecentAsync(string folder, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_recent.TryGetValue(folder, out var known) && now - known.ReadAt < RecentFor && now >= known.ReadAt)
            return known.Record;
        var record = await GetAsync(folder, cancellationToken).ConfigureAwait(false);
        if (record is not null) _recent[folder] = (record, now);
        else _recent.TryRemove(folder, out _);
        return record;
    }

    public async Task<AgencyRecord?> GetAsync(string folder, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(folder)) return null;
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Encode(folder), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToRecord(response.Value!) : null;
    }

    public async Task<IReadOnlyList<AgencyRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<AgencyRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(ToRecord(entity));
        return list;
    }

    private static AgencyRecord ToRecord(TableEntity e) => new(
        TableKeys.Decode(e.RowKey),
        e.GetString("PublisherName") ?? "",
        JsonSerializer.Deserialize(e.GetString("Aliases") ?? "[]", StorageJsonContext.Default.StringArray) ?? [],
        e.GetString("OrganisationCode") ?? "",
        e.GetString("Kind"));
}
