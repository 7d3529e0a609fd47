using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Pipeline.Core;

namespace Pipeline.Storage;

/// <summary>
/// The one place that knows the blob layout of a report's files and reads and writes them:
/// <list type="bullet">
/// <item>incoming/&lt;agency&gt;/&lt;file&gt;: the upload as the agency wrote it;</item>
/// <item>archive/&lt;agency&gt;/&lt;sha256&gt;&lt;ext&gt;: an accepted upload, immutable, named by its content;</item>
/// <item>quarantine/&lt;agency&gt;/&lt;file&gt;/&lt;sha256&gt;&lt;ext&gt;: a rejected upload, one blob per distinct content under a name;</item>
/// <item>results/&lt;agency&gt;/&lt;file&gt;.json: the verdict document for the agency;</item>
/// <item>parsed/&lt;encoded index code&gt;/v000N.json: the analysis of version N (<see cref="ParsedReportJson"/>);</item>
/// <item>staging/&lt;encoded index code&gt;/v000N.staged: the rendered page of version N and the report staged with it
/// (<see cref="StagedFiles"/>), private until published; versions rendered before that layout have v000N.html and
/// v000N.json beside it, read as before.</item>
/// </list>
/// Names derived from an upload's name that would pass the blob-name limit end with a hash (<see cref="DerivedNames"/>).
/// The ledger stores the archive, parsed and staging names it was given, so a layout change never orphans a report.
/// </summary>
public sealed class ReportBlobs(BlobServiceClient blobs)
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private const string HtmlContentType = "text/html; charset=utf-8";
    private const string StagedContentType = "application/octet-stream";
    /// <summary>Metadata key on archive and quarantine copies: the upload's file name (URI-escaped: metadata is ASCII).</summary>
    public const string OriginalNameMetadataKey = "originalname";

    public static string IncomingName(string agency, string fileName) => $"{agency}/{fileName}";

    public static string ArchiveName(string agency, string contentHash, string fileName) =>
        $"{agency}/{contentHash}{Path.GetExtension(fileName).ToLowerInvariant()}";

    /// <summary>
    /// One blob per distinct content uploaded under a name, so a second bad file under the same name never replaces
    /// the first original, and the same bytes again land on the same blob.
    /// </summary>
    public static string QuarantineName(string agency, string fileName, string contentHash)
    {
        var suffix = "/" + contentHash + Path.GetExtension(fileName).ToLowerInvariant();
        if (suffix.Length > 80) suffix = "/" + contentHash; // an absurd "extension" is not worth keeping
        return DerivedNames.Shorten($"{agency}/{fileName}", DerivedNames.MaxBlobNameLength - suffix.Length) + suffix;
    }

    public static string ResultName(string agency, string fileName) =>
        DerivedNames.Shorten($"{agency}/{fileName}", DerivedNames.MaxBlobNameLength - ".json".Length) + ".json";

    public static string ParsedName(string indexCode, int version) =>
        $"{TableKeys.Encode(indexCode)}/{LedgerEntry.VersionRowKey(version)}.json";

    public static string StagingName(string indexCode, int version) =>
        $"{TableKeys.Encode(indexCode)}/{LedgerEntry.VersionRowKey(version)}.staged";

    /// <summary>
    /// The report staged beside a page in the earlier layout (…/v000N.html → …/v000N.json): list entry, search text,
    /// original. Only for staging names ending in .html (<see cref="IsPageBesideReport"/>).
    /// </summary>
    public static string StagedReportName(string stagingName)
    {
        ArgumentException.ThrowIfNullOrEmpty(stagingName);
        return Path.ChangeExtension(stagingName, ".json");
    }

    /// <summary>
    /// True for a staging name of the earlier layout — the page alone in …/v000N.html, its report in …/v000N.json
    /// beside it — which ledger rows of versions rendered before the one-blob layout still name.
    /// </summary>
    public static bool IsPageBesideReport(string stagingName) => stagingName.EndsWith(".html", StringComparison.Ordinal);

    public BlobClient Incoming(string blobName) => Container(StorageNames.IncomingContainer).GetBlobClient(blobName);

    public async Task<bool> IncomingExistsAsync(string agency, string fileName, CancellationToken cancellationToken = default) =>
        (await Incoming(IncomingName(agency, fileName)).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>
    /// Copies the upload, as read under <paramref name="readConditions"/>, into archive/ unless the blob exists: the
    /// name derives from the content hash, so an existing blob already holds these very bytes. A 412 (the upload was
    /// replaced while being read) propagates: the new upload is handled by its own run.
    /// </summary>
    public Task AddArchiveAsync(BlobClient upload, BlobRequestConditions readConditions, string archiveName, string fileName, CancellationToken cancellationToken = default) =>
        AddCopyAsync(upload, readConditions, StorageNames.ArchiveContainer, archiveName, fileName, cancellationToken);

    /// <summary>
    /// As <see cref="AddArchiveAsync(BlobClient, BlobRequestConditions, string, string, CancellationToken)"/>, from the
    /// upload's bytes the caller already read whole (under the ETag its later delete is conditional on): one PUT.
    /// </summary>
    public Task AddArchiveAsync(ReadOnlyMemory<byte> content, string archiveName, string fileName, CancellationToken cancellationToken = default) =>
        AddCopyAsync(content, StorageNames.ArchiveContainer, archiveName, fileName, cancellationToken);

    /// <summary>As <see cref="AddArchiveAsync(BlobClient, BlobRequestConditions, string, string, CancellationToken)"/>, into quarantine/.</summary>
    public Task AddQuarantineAsync(BlobClient upload, BlobRequestConditions readConditions, string quarantineName, string fileName, CancellationToken cancellationToken = default) =>
        AddCopyAsync(upload, readConditions, StorageNames.QuarantineContainer, quarantineName, fileName, cancellationToken);

    /// <summary>As <see cref="AddArchiveAsync(ReadOnlyMemory{byte}, string, string, CancellationToken)"/>, into quarantine/.</summary>
    public Task AddQuarantineAsync(ReadOnlyMemory<byte> content, string quarantineName, string fileName, CancellationToken cancellationToken = default) =>
        AddCopyAsync(content, StorageNames.QuarantineContainer, quarantineName, fileName, cancellationToken);

    public async Task<Stream> OpenArchiveAsync(string archiveName, CancellationToken cancellationToken = default) =>
        await Container(StorageNames.ArchiveContainer).GetBlobClient(archiveName).OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task<ReadOnlyMemory<byte>> GetArchiveAsync(string archiveName, CancellationToken cancellationToken = default) =>
        await DownloadAsync(StorageNames.ArchiveContainer, archiveName, cancellationToken).ConfigureAwait(false);

    /// <summary>Writes (or replaces) the verdict document of an upload.</summary>
    public async Task SetResultAsync(string agency, string fileName, byte[] json, CancellationToken cancellationToken = default) =>
        await Container(StorageNames.ResultsContainer).GetBlobClient(ResultName(agency, fileName))
            .UploadAsync(new BinaryData(json), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType } }, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>
    /// Writes the verdict document of an upload only if it has none yet: the ETag of the document written, or null when
    /// one exists (nothing written).
    /// </summary>
    public async Task<ETag?> AddResultAsync(string agency, string fileName, byte[] json, CancellationToken cancellationToken = default)
    {
        try
        {
            var written = await Container(StorageNames.ResultsContainer).GetBlobClient(ResultName(agency, fileName)).UploadAsync(new BinaryData(json), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken).ConfigureAwait(false);
            return written.Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>The verdict document of an upload with its ETag, or null when there is none.</summary>
    public async Task<(ReadOnlyMemory<byte> Json, ETag ETag)?> GetResultAsync(string agency, string fileName, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await Container(StorageNames.ResultsContainer).GetBlobClient(ResultName(agency, fileName))
                .DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (result.Value.Content.ToMemory(), result.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Replaces the verdict document of an upload if it is still the one read with <paramref name="ifMatch"/>; false
    /// when it changed or vanished meanwhile (read it again and decide again).
    /// </summary>
    public async Task<bool> UpdateResultAsync(string agency, string fileName, byte[] json, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        try
        {
            await Container(StorageNames.ResultsContainer).GetBlobClient(ResultName(agency, fileName)).UploadAsync(new BinaryData(json), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType },
                Conditions = new BlobRequestConditions { IfMatch = ifMatch },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404 or 409)
        {
            return false;
        }
    }

    /// <summary>Writes (or replaces) the analysis of a version.</summary>
    public async Task SetParsedAsync(string parsedName, ReportAnalysis analysis, CancellationToken cancellationToken = default) =>
        await Container(StorageNames.ParsedContainer).GetBlobClient(parsedName)
            .UploadAsync(new BinaryData(ParsedReportJson.Serialize(analysis)), overwrite: true, cancellationToken).ConfigureAwait(false);

    /// <exception cref="InvalidDataException">The blob holds no document.</exception>
    public async Task<ReportAnalysis> GetParsedAsync(string? parsedName, CancellationToken cancellationToken = default)
    {
        var json = await DownloadAsync(StorageNames.ParsedContainer, parsedName, cancellationToken).ConfigureAwait(false);
        return ParsedReportJson.Deserialize(json.Span) ?? throw new InvalidDataException($"parsed document {parsedName} is empty");
    }

    /// <summary>Writes (or replaces) what render stages for a version: its page and the report staged with it, as one blob.</summary>
    public async Task SetStagedAsync(string stagingName, ReadOnlyMemory<byte> page, ReadOnlyMemory<byte> report, CancellationToken cancellationToken = default)
    {
        // Render always names a version's staging blob by StagingName; a name of the earlier layout is only ever read.
        if (IsPageBesideReport(stagingName)) throw new ArgumentException($"{stagingName} is a page of the earlier layout, which is only read", nameof(stagingName));
        await Container(StorageNames.StagingContainer).GetBlobClient(stagingName)
            .UploadAsync(new BinaryData(StagedFiles.Pack(page.Span, report.Span)), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = StagedContentType } }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// What render staged for a version: one GET, or for the earlier layout the page and then the report beside it
    /// (null when none was staged).
    /// </summary>
    /// <exception cref="InvalidDataException">The staging blob is not one (<see cref="StagedFiles.Unpack"/>).</exception>
    public async Task<StagedFiles> GetStagedAsync(string? stagingName, CancellationToken cancellationToken = default)
    {
        var bytes = await DownloadAsync(StorageNames.StagingContainer, stagingName, cancellationToken).ConfigureAwait(false);
        if (!IsPageBesideReport(stagingName!)) return StagedFiles.Unpack(bytes);
        try
        {
            return new StagedFiles(bytes, await DownloadAsync(StorageNames.StagingContainer, StagedReportName(stagingName!), cancellationToken).ConfigureAwait(false));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new StagedFiles(bytes, null);
        }
    }

    /// <summary>The rendered page of a version.</summary>
    public async Task<ReadOnlyMemory<byte>> GetStagedPageAsync(string? stagingName, CancellationToken cancellationToken = default) =>
        (await GetStagedAsync(stagingName, cancellationToken).ConfigureAwait(false)).Page;

    /// <summary>
    /// Writes the report staged beside a page of the earlier layout (…/v000N.html), which publishing derives once for
    /// a page staged without one.
    /// </summary>
    public async Task SetStagedReportAsync(string stagingName, ReadOnlyMemory<byte> json, CancellationToken cancellationToken = default)
    {
        if (!IsPageBesideReport(stagingName)) throw new ArgumentException($"{stagingName} holds its report with its page", nameof(stagingName));
        await Container(StorageNames.StagingContainer).GetBlobClient(StagedReportName(stagingName))
            .UploadAsync(new BinaryData(json), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType } }, cancellationToken)
            .ConfigureAwait(false);
    }

    private BlobContainerClient Container(string name) => blobs.GetBlobContainerClient(name);

    private async Task<ReadOnlyMemory<byte>> DownloadAsync(string container, string? blobName, CancellationToken cancellationToken = default)
    {
        var result = await Container(container).GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return result.Value.Content.ToMemory();
    }

    private async Task AddCopyAsync(ReadOnlyMemory<byte> content, string container, string blobName, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            // The length is known, so the SDK sends one PUT (a stream of unknown length goes as block + block list).
            await Container(container).GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(content), CopyOptions(fileName), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already there: same name, same bytes.
        }
    }

    /// <summary>Create-only (the name derives from the content, so an existing blob holds these bytes), with the upload's name.</summary>
    private static BlobUploadOptions CopyOptions(string fileName) => new()
    {
        Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        Metadata = new Dictionary<string, string> { [OriginalNameMetadataKey] = Uri.EscapeDataString(fileName) },
    };

    private async Task AddCopyAsync(BlobClient source, BlobRequestConditions readConditions, string container, string blobName, string fileName, CancellationToken cancellationToken = default)
    {
        var target = Container(container).GetBlobClient(blobName);
        try
        {
            // One streamed GET, conditional on the ETag the caller read (OpenReadAsync would ask for the properties again).
            var stream = (await source.DownloadStreamingAsync(new BlobDownloadOptions { Conditions = readConditions }, cancellationToken).ConfigureAwait(false)).Value.Content;
            await using (stream.ConfigureAwait(false))
            {
                await target.UploadAsync(stream, CopyOptions(fileName), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already there: same name, same bytes.
        }
    }
}
