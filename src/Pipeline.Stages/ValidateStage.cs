using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Core;
using Pipeline.Core.Model;
using Pipeline.Core.Validation;
using Pipeline.Site;
using Pipeline.Storage;

namespace Pipeline.Stages;

public enum ValidateResult
{
    /// <summary>Stored as a new report or a new version; rendering requested (or held for privacy review).</summary>
    Accepted,
    /// <summary>Quarantined; the result document says why.</summary>
    Rejected,
    /// <summary>The same bytes were already accepted for this agency: nothing changed.</summary>
    Duplicate,
    /// <summary>The blob is gone (already processed by an earlier run): nothing to do.</summary>
    NotFound,
}

public sealed record ValidateOutcome(string BlobName, ValidateResult Result, string? IndexCode, int? Version, ReportState? State, string? Reason);

/// <summary>
/// Validate stage, for one blob of the incoming container ("&lt;agency&gt;/&lt;file&gt;"). Idempotent and crash-safe:
/// the incoming blob is deleted only after the archive or quarantine copy and the ledger are written, and a retry
/// after a crash reuses the content receipt (same index code, same version).
/// </summary>
public sealed class ValidateStage(
    ReportBlobs reportBlobs,
    QueueServiceClient queues,
    AgencyRegistry registry,
    ReportLedger ledger,
    UploadReceipts uploads,
    Counters counters,
    IOptions<PipelineOptions> pipelineOptions,
    IOptions<SiteOptions> siteOptions,
    TimeProvider time,
    PipelineMetrics metrics,
    ResultDocumentUpdater resultDocuments,
    ILogger<ValidateStage> logger)
{
    /// <summary>Upload metadata key carrying a requested release time (ISO 8601), set by `pipeline upload --release-at`.</summary>
    public const string ReleaseAtMetadataKey = "releaseat";

    /// <summary>
    /// Upload metadata key carrying the agency's note on what a new version changes (the portal's 修订说明 field),
    /// percent-encoded UTF-8 because blob metadata values are ASCII. At most <see cref="MaxChangeNoteLength"/> characters are kept.
    /// </summary>
    public const string ChangeNoteMetadataKey = "changenote";

    public const int MaxChangeNoteLength = 500;

    private readonly PipelineOptions _options = pipelineOptions.Value;

    public async Task<ValidateOutcome> RunAsync(string blobName, CancellationToken ct)
    {
        if (DerivedNames.IsUnsafeBlobName(blobName))
            return await RefuseUnsafeNameAsync(blobName, ct).ConfigureAwait(false);
        var slash = blobName.IndexOf('/');
        var folder = slash > 0 ? blobName[..slash] : "";
        var fileName = slash > 0 ? blobName[(slash + 1)..] : blobName;
        var blob = reportBlobs.Incoming(blobName);
        // Every line logged while this upload is handled carries the agency and file (the index code joins once known).
        using var uploadScope = logger.BeginScope("Agency {Agency} File {FileName}", folder, fileName);

        // One GET for the upload: its bytes and, in the same response, its ETag, metadata and length. Every later read,
        // copy and delete is conditional on that ETag, so an upload replaced meanwhile is never mixed up with this one.
        BlobDownloadStreamingResult download;
        try
        {
            download = (await blob.DownloadStreamingAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new ValidateOutcome(blobName, ValidateResult.NotFound, null, null, null, null);
        }
        metrics.UploadReceived();
        var metadata = download.Details.Metadata;
        var contentLength = download.Details.ContentLength;
        var readCondition = new BlobRequestConditions { IfMatch = download.Details.ETag };

        ReportAnalysis report;
        ReadOnlyMemory<byte>? content;
        AgencyRecord? agency;
        try
        {
            await using (download.Content.ConfigureAwait(false))
            {
                agency = await registry.GetRecentAsync(folder, ct).ConfigureAwait(false);
                if (agency is null)
                {
                    var finding = Findings.UnknownAgency(folder);
                    var analysis = new ReportAnalysis(fileName, "", contentLength, null, ReportDocument.Empty, new ReportMetadata(),
                        new Verdict(false, false, [finding], []), [], []);
                    content = null;
                    report = analysis;
                }
                else
                {
                    var analysisOptions = AnalysisOptionsFor(_options.Privacy);
                    analysisOptions.RequestedReleaseAt = RequestedReleaseAt(metadata);
                    if (contentLength > analysisOptions.MaxBytes)
                    {
                        // Rejected as too large after reading just past the limit, never whole.
                        content = null;
                        report = await ReportAnalyzer.AnalyzeAsync(download.Content, fileName, agency.ToContext(), analysisOptions, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        // Within the limit the analysis holds the whole upload in memory anyway; the bytes are kept so
                        // the archive copy is one PUT of them instead of a second download uploaded in blocks.
                        var (bytes, whole) = await ReadAllAsync(download.Content, contentLength, analysisOptions.MaxBytes, ct).ConfigureAwait(false);
                        content = whole ? bytes : null;
                        report = ReportAnalyzer.Analyze(bytes, fileName, agency.ToContext(), analysisOptions); // rejects what is not whole as too large
                    }
                }
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Replaced or removed while we read it: the new upload gets its own run.
            return new ValidateOutcome(blobName, ValidateResult.NotFound, null, null, null, "changed while reading");
        }

        if (agency is null || !report.Verdict.Accepted)
            return await RejectAsync(blob, readCondition, content, folder, fileName, report, ct).ConfigureAwait(false);

        return await AcceptAsync(blob, readCondition, content!.Value, metadata, agency, fileName, report, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The upload's bytes (the service said <paramref name="expectedLength"/>), reading at most
    /// <paramref name="maxBytes"/> + 1: Whole is false when the stream held more than the limit, and then the bytes are
    /// only the first <paramref name="maxBytes"/> + 1 (enough for the analysis to reject the upload as too large).
    /// </summary>
    private static async Task<(ReadOnlyMemory<byte> Bytes, bool Whole)> ReadAllAsync(Stream stream, long expectedLength, long maxBytes, CancellationToken ct)
    {
        var limit = (int)Math.Min(maxBytes + 1, Array.MaxLength);
        var buffer = new byte[(int)Math.Clamp(expectedLength + 1, 1, limit)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total >= limit) return (buffer, false);
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit));
            }
            var read = await stream.ReadAsync(buffer.AsMemory(total), ct).ConfigureAwait(false);
            if (read == 0) return (buffer.AsMemory(0, total), total <= maxBytes);
            total += read;
        }
    }

    /// <summary>The pipeline's analysis options, with this host's clock and the site's time zone (the timeliness check counts days in it).</summary>
    private AnalysisOptions AnalysisOptionsFor(PrivacyMode privacy)
    {
        var options = _options.AnalysisOptionsFor(privacy);
        options.Clock = time;
        options.TimeZone = SiteCalendar.For(siteOptions.Value).Zone;
        return options;
    }

    /// <summary>The release time requested at upload (blob metadata <see cref="ReleaseAtMetadataKey"/>), if any and readable.</summary>
    private static DateTimeOffset? RequestedReleaseAt(IDictionary<string, string> metadata) =>
        metadata.TryGetValue(ReleaseAtMetadataKey, out var raw)
        && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;

    private async Task<ValidateOutcome> AcceptAsync(BlobClient blob, BlobRequestConditions readCondition, ReadOnlyMemory<byte> content, IDictionary<string, string> metadata,
        AgencyRecord agency, string fileName, ReportAnalysis report, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // An upload whose document states its 索引号 claims the content receipt at once (one insert; the receipt is read
        // only when one exists). One without reads first: a code is drawn from the counter only for content not seen before.
        var receipt = report.Metadata.IndexCode.HasValue
            ? await ClaimContentAsync(agency.Folder, report.ContentHash, report.Metadata.IndexCode.Value!, fileName, ct).ConfigureAwait(false)
            : await uploads.GetContentAsync(agency.Folder, report.ContentHash, ct).ConfigureAwait(false);
        if (receipt is { Completed: true })
        {
            // Same bytes already accepted. Under the same name this is the same upload seen again (a host that died
            // after recording it but before deleting the blob): it stays "Accepted". Under another name: "Duplicate".
            using var duplicateScope = logger.BeginScope("IndexCode {IndexCode}", receipt.IndexCode);
            var sameUpload = receipt.FileName == fileName;
            var existing = await ledger.GetLatestAsync(receipt.IndexCode, ct).ConfigureAwait(false);
            var outcome = sameUpload ? "Accepted" : "Duplicate";
            var document = ValidationResultDocument.From(agency.Folder, fileName, sameUpload ? existing?.Status ?? outcome : outcome, report, receipt.IndexCode, receipt.Version, existing?.Publishable ?? false, now);
            if (sameUpload) await resultDocuments.WriteAcceptedAsync(document, ct).ConfigureAwait(false);
            else await WriteResultAsync(document, ct).ConfigureAwait(false);
            await uploads.UpsertFileAsync(new UploadEntry
            {
                Agency = agency.Folder, FileName = fileName, Outcome = outcome, IndexCode = receipt.IndexCode, Version = receipt.Version,
                ContentHash = report.ContentHash, Reason = sameUpload ? existing?.Reason : $"same content as {receipt.FileName}",
                ResultBlob = ReportBlobs.ResultName(agency.Folder, fileName), ProcessedAt = now,
            }, ct).ConfigureAwait(false);
            await DeleteIncomingAsync(blob, readCondition, ct).ConfigureAwait(false);
            logger.LogInformation("{Blob}: same content as {IndexCode} v{Version}, nothing to do", blob.Name, receipt.IndexCode, receipt.Version);
            return new ValidateOutcome(blob.Name, ValidateResult.Duplicate, receipt.IndexCode, receipt.Version, existing?.State, null);
        }

        receipt ??= await ClaimContentAsync(agency.Folder, report.ContentHash, await AssignIndexCodeAsync(agency, report, now, ct).ConfigureAwait(false), fileName, ct)
            .ConfigureAwait(false);

        var code = receipt.IndexCode;
        using var reportScope = logger.BeginScope("IndexCode {IndexCode}", code);
        if (!report.Metadata.IndexCode.HasValue || report.Metadata.IndexCode.Value != code)
            report = report with { Metadata = report.Metadata with { IndexCode = new MetadataValue<string>(code, MetadataSource.Assigned) } };

        var publiclyScoped = report.Metadata.PublicScopeNormalized == PublicScope.Public;
        var held = publiclyScoped && !report.Verdict.Publishable && report.PersonalData.Count > 0;
        var publishable = publiclyScoped && report.Verdict.Publishable;
        var requestedReleaseAt = RequestedReleaseAt(metadata);

        var changeNote = ReadChangeNote(metadata);

        var archiveBlob = ReportBlobs.ArchiveName(agency.Folder, report.ContentHash, fileName);
        await reportBlobs.AddArchiveAsync(content, archiveBlob, fileName, ct).ConfigureAwait(false);

        LedgerEntry recorded;
        while (true)
        {
            var latest = await ledger.GetLatestAsync(code, ct).ConfigureAwait(false);
            if (latest is not null && (latest.ContentHash == report.ContentHash || receipt.Version > 0 && latest.Version >= receipt.Version))
            {
                recorded = latest.ContentHash == report.ContentHash ? latest
                    : await ledger.GetVersionAsync(code, receipt.Version, ct).ConfigureAwait(false) ?? latest;
                break; // Recorded by an earlier attempt that crashed before completing the receipt.
            }
            var version = (latest?.Version ?? 0) + 1;
            var parsedBlob = ReportBlobs.ParsedName(code, version);
            await reportBlobs.SetParsedAsync(parsedBlob, report, ct).ConfigureAwait(false);
            var entry = new LedgerEntry
            {
                IndexCode = code,
                State = held ? ReportState.Held : ReportState.Validated,
                Version = version,
                Agency = agency.Folder,
                FileName = fileName,
                ContentHash = report.ContentHash,
                ArchiveBlob = archiveBlob,
                ParsedBlob = parsedBlob,
                Title = report.Metadata.Title.Value ?? report.Document.Title ?? Path.GetFileNameWithoutExtension(fileName),
                Publisher = report.Metadata.Publisher.Value ?? agency.PublisherName,
                GeneratedDate = FormatDate(report.Metadata.GeneratedDate.Value),
                ReleaseDate = FormatDate(report.Metadata.ReleaseDate.Value),
                PublicScope = report.Metadata.PublicScope.Value,
                PubliclyScoped = publiclyScoped,
                Publishable = publishable,
                PersonalDataCount = report.PersonalData.Count,
                RequestedReleaseAt = requestedReleaseAt,
                ChangeNote = changeNote,
                PublishSequence = latest?.PublishSequence,
                PublishedVersion = latest?.PublishedVersion,
                FirstPublishedAt = latest?.FirstPublishedAt,
                PublishedAt = latest?.PublishedAt,
                Reason = held ? $"held for privacy review: {report.PersonalData.Count} personal data item(s)"
                    : publiclyScoped ? null : $"not for public release (公开范围: {report.Metadata.PublicScope.Value ?? "unknown"})",
                VerdictSummary = Summarise(report.Verdict),
                ReceivedAt = now,
            };
            RecordTimeliness(entry, report.Verdict.Timeliness);
            if (await ledger.AddVersionAsync(entry, latest, ct).ConfigureAwait(false))
            {
                recorded = entry;
                break;
            }
        }

        receipt.Version = recorded.Version;
        // With its history; the earlier versions' uploads now say "superseded by vN". Before the render request, so
        // rendering always finds the document to update.
        var resultETag = await resultDocuments.WriteAcceptedAsync(ValidationResultDocument.From(agency.Folder, fileName, recorded.State.ToString(), report, code, recorded.Version, recorded.Publishable, now),
            recorded, ct).ConfigureAwait(false);
        // Render rebuilds this document's fixed part from parsed/ and the ledger row, processed at its receipt time:
        // the ETag goes along only when that is the document written (not a row an earlier attempt recorded).
        if (recorded.State == ReportState.Validated)
            await new RenderRequest(code, recorded.Version, recorded.ReceivedAt == now ? resultETag?.ToString() : null).SendAsync(queues, ct).ConfigureAwait(false);
        receipt.Completed = true;
        await uploads.UpsertFileAndContentAsync(new UploadEntry
        {
            Agency = agency.Folder, FileName = fileName, Outcome = "Accepted", IndexCode = code, Version = recorded.Version,
            ContentHash = report.ContentHash, Reason = recorded.Reason, ResultBlob = ReportBlobs.ResultName(agency.Folder, fileName), ProcessedAt = now,
        }, receipt, ct).ConfigureAwait(false);
        await DeleteIncomingAsync(blob, readCondition, ct).ConfigureAwait(false);
        logger.LogInformation("{Blob}: accepted as {IndexCode} v{Version} ({State})", blob.Name, code, recorded.Version, recorded.State);
        return new ValidateOutcome(blob.Name, ValidateResult.Accepted, code, recorded.Version, recorded.State, recorded.Reason);
    }

    /// <summary>
    /// The content receipt of these bytes: this upload's, with <paramref name="indexCode"/>, when none existed; else the
    /// one that did (the same bytes processed first, or an earlier attempt at this upload), whose index code wins.
    /// </summary>
    private async Task<ContentReceipt> ClaimContentAsync(string agency, string contentHash, string indexCode, string fileName, CancellationToken ct)
    {
        var candidate = new ContentReceipt { IndexCode = indexCode, FileName = fileName };
        return await uploads.AddContentAsync(agency, contentHash, candidate, ct).ConfigureAwait(false)
            ? candidate
            : await uploads.GetContentAsync(agency, contentHash, ct).ConfigureAwait(false) ?? throw new InvalidOperationException("content receipt vanished");
    }

    private async Task<string> AssignIndexCodeAsync(AgencyRecord agency, ReportAnalysis report, DateTimeOffset now, CancellationToken ct)
    {
        var year = report.Metadata.ReleaseDate.Value?.Year
            ?? report.Metadata.GeneratedDate.Value?.Year
            ?? report.Document.Signature?.Date?.Year
            ?? SiteCalendar.For(siteOptions.Value).DateOf(now).Year;
        var prefix = string.IsNullOrWhiteSpace(agency.OrganisationCode) ? agency.Folder : agency.OrganisationCode;
        var sequence = await counters.IncrementAsync("indexcode/" + agency.Folder, year.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        return $"{prefix}/{year}-{sequence}";
    }

    /// <param name="content">The upload's bytes when they were read whole (the quarantine copy is uploaded from them), else null.</param>
    private async Task<ValidateOutcome> RejectAsync(BlobClient blob, BlobRequestConditions readCondition, ReadOnlyMemory<byte>? content, string folder, string fileName, ReportAnalysis analysis, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var agencyKey = string.IsNullOrEmpty(folder) ? "(none)" : folder;
        string quarantineName;
        try
        {
            // The analyzer hashes what it reads; an upload it never read (unknown agency, too large) is hashed here.
            var contentHash = string.IsNullOrEmpty(analysis.ContentHash)
                ? await HashAsync(blob, readCondition, ct).ConfigureAwait(false)
                : analysis.ContentHash;
            quarantineName = ReportBlobs.QuarantineName(agencyKey, fileName, contentHash);
            if (content is { } bytes) await reportBlobs.AddQuarantineAsync(bytes, quarantineName, fileName, ct).ConfigureAwait(false);
            else await reportBlobs.AddQuarantineAsync(blob, readCondition, quarantineName, fileName, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return new ValidateOutcome(blob.Name, ValidateResult.NotFound, null, null, null, "changed while reading");
        }
        var reason = string.Join("; ", analysis.Verdict.Errors.Select(e => e.Code + ": " + e.Message));
        await WriteResultAsync(ValidationResultDocument.From(agencyKey, fileName, "Rejected", analysis, null, null, false, now, quarantineName), ct).ConfigureAwait(false);
        await uploads.UpsertFileAsync(new UploadEntry
        {
            Agency = agencyKey, FileName = fileName, Outcome = "Rejected", ContentHash = analysis.ContentHash, Reason = reason,
            ResultBlob = ReportBlobs.ResultName(agencyKey, fileName), QuarantineBlob = quarantineName, ProcessedAt = now,
        }, ct).ConfigureAwait(false);
        await DeleteIncomingAsync(blob, readCondition, ct).ConfigureAwait(false);
        metrics.UploadRejected(analysis.Verdict.Errors.FirstOrDefault()?.Code ?? "unknown");
        logger.LogInformation("{Blob}: rejected into quarantine/{QuarantineBlob} ({Reason})", blob.Name, quarantineName, reason);
        return new ValidateOutcome(blob.Name, ValidateResult.Rejected, null, null, ReportState.Rejected, reason);
    }

    private static async Task<string> HashAsync(BlobClient blob, BlobRequestConditions readCondition, CancellationToken ct)
    {
        var stream = (await blob.DownloadStreamingAsync(new BlobDownloadOptions { Conditions = readCondition }, ct).ConfigureAwait(false)).Value.Content;
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// A name with "." or ".." segments is never used in a storage call: the HTTP client would resolve
    /// "pingliang/../hebi/x.txt" to another agency's blob. It is recorded as rejected (uploads table only; no blob name
    /// derived from it is safe either) and left where it is for an operator; the scanner skips such names.
    /// </summary>
    private async Task<ValidateOutcome> RefuseUnsafeNameAsync(string blobName, CancellationToken ct)
    {
        var slash = blobName.IndexOf('/');
        var folder = slash > 0 && !DerivedNames.IsUnsafeBlobName(blobName[..slash]) ? blobName[..slash] : "(none)";
        var fileName = slash > 0 ? blobName[(slash + 1)..] : blobName;
        var finding = Findings.UnsafeName();
        var reason = finding.Code + ": " + finding.Message;
        await uploads.UpsertFileAsync(new UploadEntry { Agency = folder, FileName = fileName, Outcome = "Rejected", Reason = reason, ProcessedAt = time.GetUtcNow() }, ct).ConfigureAwait(false);
        metrics.UploadReceived();
        metrics.UploadRejected(finding.Code);
        logger.LogWarning("Upload name {Blob} refused: unsafe name, left in incoming/ for an operator", blobName);
        return new ValidateOutcome(blobName, ValidateResult.Rejected, null, null, ReportState.Rejected, reason);
    }

    private async Task WriteResultAsync(ValidationResultDocument result, CancellationToken ct) =>
        await reportBlobs.SetResultAsync(result.Agency, result.FileName, result.ToJson(), ct).ConfigureAwait(false);

    private static async Task DeleteIncomingAsync(BlobClient blob, BlobRequestConditions readCondition, CancellationToken ct)
    {
        try
        {
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, readCondition, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // The agency uploaded a new file under the same name meanwhile: leave it for its own run.
        }
    }

    private static void RecordTimeliness(LedgerEntry entry, Pipeline.Core.Timeliness.TimelinessAssessment? timeliness)
    {
        if (timeliness is null) return;
        entry.WorkingDaysToRelease = timeliness.WorkingDays;
        entry.OverWorkingDayLimit = timeliness.OverLimit;
        entry.TimelinessBasis = timeliness.ReleaseBasis.ToString();
        entry.AnnualReportYear = timeliness.AnnualReportYear;
        entry.AnnualReportDeadline = FormatDate(timeliness.AnnualReportDeadline);
        entry.AfterAnnualReportDeadline = timeliness.AfterDeadline;
    }

    /// <summary>
    /// The blob metadata an upload carries for the pipeline (what `pipeline upload --release-at --change-note` and any
    /// other uploader set): the requested release time (ISO 8601) and the change note, percent-encoded (metadata is ASCII).
    /// </summary>
    public static Dictionary<string, string> UploadMetadata(DateTimeOffset? releaseAt, string? changeNote)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (releaseAt is { } at) metadata[ReleaseAtMetadataKey] = at.ToString("O", CultureInfo.InvariantCulture);
        if (!string.IsNullOrWhiteSpace(changeNote)) metadata[ChangeNoteMetadataKey] = Uri.EscapeDataString(changeNote.Trim());
        return metadata;
    }

    /// <summary>The change note of an upload's metadata, decoded and trimmed; null when absent, blank or not valid percent-encoding.</summary>
    internal static string? ReadChangeNote(IDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(ChangeNoteMetadataKey, out var raw) || string.IsNullOrWhiteSpace(raw)) return null;
        string note;
        try
        {
            note = Uri.UnescapeDataString(raw).Trim();
        }
        catch (UriFormatException)
        {
            return null;
        }
        return note.Length == 0 ? null : note.Length > MaxChangeNoteLength ? note[..MaxChangeNoteLength] : note;
    }

    private static string? FormatDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Summarise(Verdict verdict) => string.Join("\n",
        verdict.Errors.Select(e => "error " + e.Code + ": " + e.Message)
            .Concat(verdict.Warnings.Select(w => "warning " + w.Code + ": " + w.Message)));
}
