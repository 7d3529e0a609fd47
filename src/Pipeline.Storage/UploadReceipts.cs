using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage;

/// <summary>What happened to one uploaded file (agency + file name): what `status --agency --file` shows.</summary>
public sealed class UploadEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Agency { get; set; } = "";
    public string FileName { get; set; } = "";
    /// <summary>"Rejected", "Accepted" or "Duplicate".</summary>
    public string Outcome { get; set; } = "";
    public string? IndexCode { get; set; }
    public int? Version { get; set; }
    public string? ContentHash { get; set; }
    public string? Reason { get; set; }
    public string? ResultBlob { get; set; }
    public string? QuarantineBlob { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}

/// <summary>
/// A content receipt: this agency's bytes with this hash were accepted as (index code, version). Written BEFORE the
/// ledger so that a validation that crashes half-way and is retried reuses the same index code and version instead
/// of drawing a new number; <see cref="Completed"/> is set once everything downstream is recorded.
/// </summary>
public sealed class ContentReceipt : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string IndexCode { get; set; } = "";
    public int Version { get; set; }
    public bool Completed { get; set; }
    public string FileName { get; set; } = "";
}

/// <summary>The uploads table: per agency partition, "file~&lt;name&gt;" rows and "sha256~&lt;hash&gt;" receipts.</summary>
public sealed class UploadReceipts(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.UploadsTable);

    private static string FileKey(string fileName) => "file-" + TableKeys.Encode(DerivedNames.Shorten(fileName, DerivedNames.MaxKeyPartLength));
    private static string HashKey(string hash) => "sha256-" + hash;

    public async Task<UploadEntry?> GetFileAsync(string agency, string fileName, CancellationToken cancellationToken = default)
    {
        var r = await _table.GetEntityIfExistsAsync<UploadEntry>(TableKeys.Encode(DerivedNames.Shorten(agency, DerivedNames.MaxKeyPartLength)), FileKey(fileName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return r.HasValue ? r.Value : null;
    }

    public async Task UpsertFileAsync(UploadEntry entry, CancellationToken cancellationToken = default)
    {
        entry.PartitionKey = TableKeys.Encode(DerivedNames.Shorten(entry.Agency, DerivedNames.MaxKeyPartLength));
        entry.RowKey = FileKey(entry.FileName);
        await _table.UpsertEntityAsync(entry, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every upload outcome (operator listing; cost grows with the uploads table).</summary>
    public async Task<IReadOnlyList<UploadEntry>> ListFilesAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<UploadEntry>();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {"file-"} and RowKey lt {"file."}");
        await foreach (var row in _table.QueryAsync<UploadEntry>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(row);
        return list;
    }

    public async Task<ContentReceipt?> GetContentAsync(string agency, string contentHash, CancellationToken cancellationToken = default)
    {
        var r = await _table.GetEntityIfExistsAsync<ContentReceipt>(TableKeys.Encode(agency), HashKey(contentHash), cancellationToken: cancellationToken).ConfigureAwait(false);
        return r.HasValue ? r.Value : null;
    }

    /// <summary>Inserts a receipt; false when one already exists (someone processed the same bytes first).</summary>
    public async Task<bool> AddContentAsync(string agency, string contentHash, ContentReceipt receipt, CancellationToken cancellationToken = default)
    {
        receipt.PartitionKey = TableKeys.Encode(agency);
        receipt.RowKey = HashKey(contentHash);
        try
        {
            await _table.AddEntityAsync(receipt, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Records an upload's outcome and its (completed) content receipt together: one batch transaction when both rows
    /// are in the agency's partition (always, unless an over-long agency name was shortened), else two upserts.
    /// </summary>
    public async Task UpsertFileAndContentAsync(UploadEntry entry, ContentReceipt receipt, CancellationToken cancellationToken = default)
    {
        entry.PartitionKey = TableKeys.Encode(DerivedNames.Shorten(entry.Agency, DerivedNames.MaxKeyPartLength));
        entry.RowKey = FileKey(entry.FileName);
        if (entry.PartitionKey != receipt.PartitionKey || string.IsNullOrEmpty(receipt.RowKey))
        {
            await UpsertFileAsync(entry, cancellationToken).ConfigureAwait(false);
            await UpsertContentAsync(receipt, cancellationToken).ConfigureAwait(false);
            return;
        }
        await _table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, entry),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, receipt),
        ], cancellationToken).ConfigureAwait(false);
    }

    public async Task UpsertContentAsync(ContentReceipt receipt, CancellationToken cancellationToken = default) =>
        await _table.UpsertEntityAsync(receipt, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
}
