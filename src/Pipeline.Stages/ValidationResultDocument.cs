using System.Text.Json;
using Pipeline.Core;
using Pipeline.Core.Model;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// The result document written to results/&lt;agency&gt;/&lt;file&gt;.json for the uploading agency: the verdict with
/// bilingual findings, the metadata found, what cleaning removed, and what the pipeline did with the file.
/// Personal data appears masked only.
/// </summary>
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
    Pipeline.Core.Timeliness.TimelinessAssessment? Timeliness = null)
{
    public static ValidationResultDocument From(string agency, string fileName, string outcome, ReportAnalysis analysis, string? indexCode, int? version, bool publishable, DateTimeOffset now, string? quarantineBlob = null) => new(
        agency, fileName, outcome, analysis.Verdict.Accepted, publishable, indexCode, version,
        string.IsNullOrEmpty(analysis.ContentHash) ? null : analysis.ContentHash, analysis.Encoding,
        analysis.Verdict.Errors, analysis.Verdict.Warnings, analysis.Metadata, analysis.RemovedLines,
        analysis.PersonalData.Select(p => new MaskedPersonalData(p.Kind, p.Masked, p.LineNumber)).ToList(), now, quarantineBlob,
        analysis.Verdict.Timeliness);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ParsedReportJson.Options);
}

public sealed record MaskedPersonalData(string Kind, string Masked, int LineNumber);
