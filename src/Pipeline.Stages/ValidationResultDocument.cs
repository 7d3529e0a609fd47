using System.Text.Json;
using Pipeline.Core;
using Pipeline.Core.Model;

namespace Pipeline.Stages;

/// <summary>
/// The result document written to results/&lt;agency&gt;/&lt;file&gt;.json for the uploading agency: the verdict with
/// bilingual findings, the metadata found, what cleaning removed, and what the pipeline did with the file. Personal
/// data appears masked only. Validation writes it; every later step of the report's life updates it
/// (<see cref="ResultDocumentUpdater"/>): <see cref="Outcome"/>, <see cref="Status"/>, <see cref="History"/>, the
/// release time and, once live, <see cref="PageUrl"/>.
/// </summary>
/// <param name="Outcome">"Rejected", "Duplicate", the report's ledger state while this upload is its latest version
/// ("Validated", "Held", "Rendered", "Published", "Withdrawn", "Failed"), or "Superseded" once a later version replaced it.</param>
/// <param name="Status">The plain words `pipeline status` uses for this upload (<see cref="ReportStatusFormatter.Label"/>):
/// "scheduled", "published", "superseded by v2"…</param>
/// <param name="ReleaseAt">When the page goes (or went) public, in the site's time zone with its offset.</param>
/// <param name="TimeZone">The site's time zone, which every time of the document is given in (after validation).</param>
/// <param name="PublishedAt">When the version the site shows went live.</param>
/// <param name="PageUrl">The page's public URL, once it has been live (a withdrawn report's URL shows the notice).</param>
/// <param name="History">The report's history up to this upload's version (<see cref="ReportHistory"/>), oldest first.</param>
/// <param name="UpdatedAt">When the ledger last changed the report: an update never replaces a document of a later one.</param>
public sealed record ValidationResultDocument(
    string Agency,
    string FileName,
    string Outcome,
    bool Accepted,
    bool Publishable,
    string? IndexCode,
    int? Version,
    string? ContentHash,
    string? Encoding,
    IReadOnlyList<Finding> Errors,
    IReadOnlyList<Finding> Warnings,
    ReportMetadata? Metadata,
    IReadOnlyList<RemovedLine> RemovedLines,
    IReadOnlyList<MaskedPersonalData> PersonalData,
    DateTimeOffset ProcessedAt,
    string? QuarantineBlob = null,
    Pipeline.Core.Timeliness.TimelinessAssessment? Timeliness = null,
    string? Status = null,
    DateTimeOffset? ReleaseAt = null,
    string? TimeZone = null,
    DateTimeOffset? PublishedAt = null,
    string? PageUrl = null,
    IReadOnlyList<ResultHistoryStep>? History = null,
    DateTimeOffset? UpdatedAt = null)
{
    /// <summary>The outcome of an upload a later version of the same report replaced.</summary>
    public const string SupersededOutcome = "Superseded";

    public static ValidationResultDocument From(string agency, string fileName, string outcome, ReportAnalysis analysis, string? indexCode, int? version, bool publishable, DateTimeOffset now, string? quarantineBlob = null) => new(
        agency, fileName, outcome, analysis.Verdict.Accepted, publishable, indexCode, version,
        string.IsNullOrEmpty(analysis.ContentHash) ? null : analysis.ContentHash, analysis.Encoding,
        analysis.Verdict.Errors, analysis.Verdict.Warnings, analysis.Metadata, analysis.RemovedLines,
        analysis.PersonalData.Select(p => new MaskedPersonalData(p.Kind, p.Masked, p.LineNumber)).ToList(), now, quarantineBlob,
        analysis.Verdict.Timeliness);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ValidationResultDocumentJsonContext.Agencies.ValidationResultDocument);

    /// <summary>The document a result blob holds; null when it is not one (damaged, or written by something else).</summary>
    public static ValidationResultDocument? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ValidationResultDocumentJsonContext.Agencies.ValidationResultDocument);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record MaskedPersonalData(string Kind, string Masked, int LineNumber);

/// <summary>One step of the report's history in the result document (<see cref="ReportHistoryEvent"/>, its time in the site's zone).</summary>
public sealed record ResultHistoryStep(DateTimeOffset At, int Version, string Step, string? By = null, string? Detail = null);
