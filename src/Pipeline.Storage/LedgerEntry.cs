using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage;

/// <summary>Where a report is in the pipeline.</summary>
public enum ReportState
{
    Received,
    Rejected,
    Validated,
    /// <summary>Accepted but held: personal data found, waiting for an operator's approval.</summary>
    Held,
    Rendered,
    Published,
    Withdrawn,
    /// <summary>Rendering failed repeatedly (poison message); the reason says why.</summary>
    Failed,
}

/// <summary>
/// One ledger row. Partition = encoded index code; RowKey "latest" is the current state, "v0001", "v0002"... keep
/// the history of versions (each a copy of the latest row as it was when that version was validated, then kept in
/// step while that version is current).
/// </summary>
public sealed class LedgerEntry : ITableEntity
{
    public const string LatestRowKey = "latest";

    /// <summary>
    /// The reason recorded (and shown on the notice) when a report is withdrawn as <see cref="WithdrawalKind.NoLongerPublic"/>.
    /// Rows written before <see cref="WithdrawnAs"/> existed are recognised by it.
    /// </summary>
    public const string NoLongerPublicReason = "新版本不再主动公开 / The latest version is no longer for public release";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = LatestRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string IndexCode { get; set; } = "";
    /// <summary><see cref="ReportState"/> as text (tables store strings; an unknown value stays readable).</summary>
    public string Status { get; set; } = nameof(ReportState.Received);
    public int Version { get; set; }
    public string Agency { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public string? ArchiveBlob { get; set; }
    public string? ParsedBlob { get; set; }
    public string? StagingBlob { get; set; }
    public string? Title { get; set; }
    public string? Publisher { get; set; }
    public string? GeneratedDate { get; set; }
    /// <summary>The 发布日期 the document states (yyyy-MM-dd), if any: timeliness counts to it when given.</summary>
    public string? ReleaseDate { get; set; }
    public string? PublicScope { get; set; }
    /// <summary>Public scope allows the site and nothing holds it back.</summary>
    public bool Publishable { get; set; }
    /// <summary>True when the report is publicly scoped (even if held for privacy).</summary>
    public bool PubliclyScoped { get; set; }
    /// <summary>"PublishMasked" / "PublishAsIs" once an operator decided on held personal data.</summary>
    public string? PrivacyDecision { get; set; }
    /// <summary>Who took <see cref="PrivacyDecision"/> (the operator's name as the host knows it).</summary>
    public string? ApprovedBy { get; set; }
    /// <summary>When <see cref="PrivacyDecision"/> was taken.</summary>
    public DateTimeOffset? ApprovedAt { get; set; }
    public int PersonalDataCount { get; set; }
    /// <summary>Release time requested at upload (blob metadata "releaseat"), used when the document states no release date.</summary>
    public DateTimeOffset? RequestedReleaseAt { get; set; }
    /// <summary>What changed in this version, as the agency wrote it at upload (blob metadata "changenote").</summary>
    public string? ChangeNote { get; set; }
    /// <summary>When the page may go public (set by the render stage).</summary>
    public DateTimeOffset? ReleaseAt { get; set; }
    /// <summary>When the render stage first staged this version's page (null for rows older than the column).</summary>
    public DateTimeOffset? RenderedAt { get; set; }
    public string? ReleaseAtSource { get; set; }
    /// <summary>Order of first publication (counter "publish"); kept across versions for stable listing order.</summary>
    public long? PublishSequence { get; set; }
    public int? PublishedVersion { get; set; }
    public string? Reason { get; set; }
    /// <summary>Errors and warnings as "code: message" lines.</summary>
    public string? VerdictSummary { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FirstPublishedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    /// <summary>Who withdrew the report (an operator's name; null for a version no longer public, which the pipeline withdrew).</summary>
    public string? WithdrawnBy { get; set; }
    /// <summary><see cref="WithdrawalKind"/> as text, set with the Withdrawn state; read through <see cref="Withdrawal"/>.</summary>
    public string? WithdrawnAs { get; set; }

    // Timeliness as assessed at validation (Pipeline.Core.Timeliness), kept per version for the statistics view.
    /// <summary>Working days from 生成日期 to the release date known at validation (a lower bound when calendar years are missing).</summary>
    public int? WorkingDaysToRelease { get; set; }
    /// <summary>More than 20 working days (政府信息公开条例 第二十六条); null when the calendar could not tell.</summary>
    public bool? OverWorkingDayLimit { get; set; }
    /// <summary>Where that release date came from: Stated, Requested or Validation (the day of validation, an estimate).</summary>
    public string? TimelinessBasis { get; set; }
    /// <summary>The year an annual report covers; null for other reports.</summary>
    public int? AnnualReportYear { get; set; }
    /// <summary>The annual report's deadline (第四十九条), yyyy-MM-dd.</summary>
    public string? AnnualReportDeadline { get; set; }
    public bool? AfterAnnualReportDeadline { get; set; }

    [IgnoreDataMember]
    public ReportState State
    {
        get => Enum.TryParse<ReportState>(Status, out var s) ? s : ReportState.Received;
        set => Status = value.ToString();
    }

    /// <summary>
    /// Why a Withdrawn report was withdrawn; null in any other state. A row written before the kind was stored says it
    /// by its reason text (<see cref="NoLongerPublicReason"/>); any other withdrawn row is an operator's.
    /// </summary>
    [IgnoreDataMember]
    public WithdrawalKind? Withdrawal
    {
        get => State != ReportState.Withdrawn ? null
            : Enum.TryParse<WithdrawalKind>(WithdrawnAs, out var kind) ? kind
            : Reason == NoLongerPublicReason ? WithdrawalKind.NoLongerPublic
            : WithdrawalKind.Operator;
        set => WithdrawnAs = value?.ToString();
    }

    public static string VersionRowKey(int version) => "v" + version.ToString("D4");

    public LedgerEntry CopyAs(string rowKey)
    {
        var copy = (LedgerEntry)MemberwiseClone();
        copy.RowKey = rowKey;
        copy.ETag = default;
        copy.Timestamp = null;
        return copy;
    }
}
