using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage;

/// <summary>A notification not yet delivered to one webhook.</summary>
public sealed record PendingNotification(string Webhook, IReadOnlyList<string> Urls, DateTimeOffset CreatedAt, int Attempts, string RowKey, string? LastError);

/// <summary>
/// Undelivered webhook notifications (partition "outbox"). A publish run first records what it must announce,
/// then tries to deliver everything pending; delivered rows are deleted, failed ones stay for the next run.
/// </summary>
public sealed class WebhookOutbox(TableServiceClient tables)
{
    private const string Partition = "outbox";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.OutboxTable);

    public async Task AddAsync(string webhook, IReadOnlyList<string> urls, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rowKey = now.UtcDateTime.ToString("yyyyMMddHHmmssfff") + "_" + Guid.NewGuid().ToString("N");
        var entity = new TableEntity(Partition, rowKey)
        {
            ["Webhook"] = webhook,
            ["Urls"] = JsonSerializer.Serialize(urls),
            ["CreatedAt"] = now,
            ["Attempts"] = 0,
        };
        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PendingNotification>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<PendingNotification>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(new PendingNotification(
                e.GetString("Webhook") ?? "",
                JsonSerializer.Deserialize<string[]>(e.GetString("Urls") ?? "[]") ?? [],
                e.GetDateTimeOffset("CreatedAt") ?? default,
                e.GetInt32("Attempts") ?? 0,
                e.RowKey,
                e.GetString("LastError")));
        }
        return list;
    }

    public async Task CompleteAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Partition, notification.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    public async Task RecordFailureAsync(PendingNotification notification, string error, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, notification.RowKey)
        {
            ["Attempts"] = notification.Attempts + 1,
            ["LastError"] = error.Length > 1000 ? error[..1000] : error,
        };
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }
}
