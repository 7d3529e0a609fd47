using Pipeline.Core.Model;

namespace Pipeline.Core;

/// <summary>The uploading agency, from the registry: the caller's context for metadata and validation.</summary>
/// <param name="Folder">The agency's folder under incoming/ (e.g. "beijinggang").</param>
/// <param name="PublisherName">Official publisher name (e.g. 华容县北景港镇人民政府).</param>
/// <param name="Aliases">Other names the agency writes on its reports (e.g. 北景港镇).</param>
/// <param name="OrganisationCode">The organisation code used in index codes (e.g. 00638229X4), if known.</param>
/// <param name="Kind">People's government or department, when the registry records it (annual report deadlines).</param>
public sealed record AgencyContext(
    string Folder,
    string PublisherName,
    IReadOnlyList<string> Aliases,
    string? OrganisationCode,
    Timeliness.PublisherKind Kind = Timeliness.PublisherKind.Unknown)
{
    /// <summary>A context made from a publisher name only (the CLI's --agency).</summary>
    public static AgencyContext FromName(string publisherName) => new("", publisherName, [], null);
}

/// <summary>What to do with personal data found in a report.</summary>
public enum PrivacyMode
{
    /// <summary>Accept but do not publish until an operator approves (default).</summary>
    HoldForReview,
    /// <summary>Publish with the personal data masked (e.g. 185****6331).</summary>
    PublishMasked,
}

public sealed class AnalysisOptions
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>Files larger than this are rejected without being read whole.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>The public scope applied (with a warning) when a report states none.</summary>
    public string DefaultPublicScope { get; set; } = "主动公开";

    public PrivacyMode Privacy { get; set; } = PrivacyMode.HoldForReview;

    /// <summary>The clock that bounds plausible years (dates and index codes may not be later than next year).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Bounds for reading .docx uploads (zip-bomb and huge-XML protection).</summary>
    public Decoding.DocxLimits DocxLimits { get; set; } = Decoding.DocxLimits.Default;

    /// <summary>Bounds on the text one report may carry into the analysis (memory per upload).</summary>
    public Decoding.ContentLimits ContentLimits { get; set; } = Decoding.ContentLimits.Default;

    /// <summary>Bounds for reading PDF uploads (pages, objects, decompressed bytes, time).</summary>
    public Decoding.PdfLimits PdfLimits { get; set; } = Decoding.PdfLimits.Default;

    /// <summary>The working-day calendar for the timeliness checks (政府信息公开条例 第二十六条).</summary>
    public Timeliness.WorkingDayCalendar Calendar { get; set; } = Timeliness.WorkingDayCalendar.Official;

    /// <summary>The zone whose calendar days the dates mean (the site's; China Standard Time unless configured).</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZones.ChinaStandardTime;

    /// <summary>The release time requested for this upload (`pipeline upload --release-at`), used when the document states none.</summary>
    public DateTimeOffset? RequestedReleaseAt { get; set; }

    public static AnalysisOptions Default { get; } = new();
}

/// <summary>A line that cleaning removed (web-page chrome, a duplicated body...), kept so an agency can check it.</summary>
public sealed record RemovedLine(int LineNumber, string Text, string Reason);

/// <summary>Personal data found in the text (for privacy review or masking).</summary>
/// <param name="Kind">"mobile", "resident-id" or "email".</param>
public sealed record PersonalDataHit(string Kind, string Value, string Masked, int LineNumber);

/// <summary>
/// Everything learnt from one uploaded file. Never null parts: a file rejected before parsing (not text, empty,
/// too large, undecodable) has an empty document; one rejected by validation keeps what was parsed, for diagnosis.
/// </summary>
public sealed record ReportAnalysis(
    string FileName,
    string ContentHash,
    long Length,
    string? Encoding,
    ReportDocument Document,
    ReportMetadata Metadata,
    Verdict Verdict,
    IReadOnlyList<RemovedLine> RemovedLines,
    IReadOnlyList<PersonalDataHit> PersonalData);

/// <summary>
/// Decode -> clean -> parse -> extract metadata -> validate, for one file. Bad input never throws out of here:
/// it returns a verdict.
/// </summary>
public static partial class ReportAnalyzer
{
    /// <summary>Analyses a file held in memory.</summary>
    public static ReportAnalysis Analyze(ReadOnlyMemory<byte> bytes, string fileName, AgencyContext? agency = null, AnalysisOptions? options = null)
        => AnalyzeCore(bytes, fileName, agency, options ?? AnalysisOptions.Default);

    /// <summary>
    /// Analyses a stream, reading at most <see cref="AnalysisOptions.MaxBytes"/> + 1 bytes: a larger file is rejected
    /// as too large without being read whole.
    /// </summary>
    public static async Task<ReportAnalysis> AnalyzeAsync(Stream content, string fileName, AgencyContext? agency = null, AnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= AnalysisOptions.Default;
        var buffer = await BoundedReader.ReadAsync(content, options.MaxBytes, cancellationToken).ConfigureAwait(false);
        return buffer.TooLarge
            ? TooLarge(fileName, buffer.BytesSeen, options)
            : AnalyzeCore(buffer.Bytes, fileName, agency, options);
    }
}
