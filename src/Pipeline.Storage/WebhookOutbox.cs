using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage;

/// <summary>A notification not yet delivered to one webhook.</summary>
public sealed record PendingNotification(string Webhook, IReadOnlyList<string> Urls, DateTimeOffset CreatedAt, int Attempts, string RowKey, string? LastError);

/// <summary>
/// Undelivered webhook notifications (partition "outbox"). A publish run first records what it must announce,
/// then tries to deliver everything pending; delivered rows are deleted, failed ones stay for the next run.
/// However many URLs a run changed, all are kept: a table property holds at most 64 KiB, so the list is split into
/// rows of at most <see cref="MaxUrlsJsonChars"/> characters of JSON (each delivered as its own notification),
/// inserted in entity-group transactions of up to 100 rows (all or none of each group).
/// </summary>
public sealed class WebhookOutbox(TableServiceClient tables)
{
    private const string Partition = "outbox";
    /// <summary>JSON characters per row (UTF-16: 2 bytes each; a string property holds at most 64 KiB).</summary>
    public const int MaxUrlsJsonChars = 30_000;
    private const int MaxTransactionRows = 100;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.OutboxTable);

    public async Task AddAsync(string webhook, IReadOnlyList<string> urls, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var run = now.UtcDateTime.ToString("yyyyMMddHHmmssfff") + "_" + Guid.NewGuid().ToString("N");
        var chunks = Chunk(urls);
        var rows = chunks.Select((chunk, i) => new TableEntity(Partition, run + "_" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture))
        {
            ["Webhook"] = webhook,
            ["Urls"] = JsonSerializer.Serialize(chunk, StorageJsonContext.Default.ListString),
            ["CreatedAt"] = now,
            ["Attempts"] = 0,
        }).ToList();
        foreach (var group in rows.Chunk(MaxTransactionRows))
        {
            if (group.Length == 1)
                await _table.AddEntityAsync(group[0], cancellationToken).ConfigureAwait(false);
            else
                await _table.SubmitTransactionAsync(group.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Splits the URLs into lists whose JSON fits one row (a URL longer than a row is cut: it cannot be a site URL).</summary>
    public static List<List<string>> Chunk(IReadOnlyList<string> urls)
    {
        var chunks = new List<List<string>>();
        var current = new List<string>();
        var length = 2;
        foreach (var raw in urls)
        {
            var url = raw.Length > MaxUrlsJsonChars / 2 ? raw[..(MaxUrlsJsonChars / 2)] : raw;
            var cost = JsonSerializer.Serialize(url, StorageJsonContext.Default.String).Length + 1;
            if (current.Count > 0 && length + cost > MaxUrlsJsonChars)
            {
                chunks.Add(current);
                current = [];
                length = 2;
            }
            current.Add(url);
            length += cost;
        }
        if (current.Count > 0 || chunks.Count == 0) chunks.Add(current);
        return chunks;
    }

    public async Task<IReadOnlyList<PendingNotification>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<PendingNotification>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(new PendingNotification(
                e.GetString("Webhook") ?? "",
                JsonSerializer.Deserialize(e.GetString("Urls") ?? "[]", StorageJsonContext.Default.StringArray) ?? [],
                e.GetDateTimeOffset("CreatedAt") ?? default,
                e.GetInt32("Attempts") ?? 0,
                e.RowKey,
                e.GetString("LastError")));
        }
        return list;
    }

    public async Task DeleteAsync(PendingNotification notification, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.DeleteEntityAsync(Partition, notification.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    public async Task UpdateFailureAsync(PendingNotification notification, string error, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(Partition, notification.RowKey)
        {
            ["Attempts"] = notification.Attempts + 1,
            ["LastError"] = error.Length > 1000 ? error[..1000] : error,
        };
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }
}
