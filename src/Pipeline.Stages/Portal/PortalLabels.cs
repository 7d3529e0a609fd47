using System.Globalization;
using Pipeline.Core.Model;
using Pipeline.Storage;

namespace Pipeline.Stages.Portal;

/// <summary>The words the portal uses for states and provenance, in Chinese and English: one place for both.</summary>
public static class PortalLabels
{
    /// <summary>"2026年3月2日 09:00 (UTC+08:00)": every time shown to a clerk is in the site's zone, with its offset.</summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture) + " (UTC" + local.ToString("zzz", CultureInfo.InvariantCulture) + ")";
    }

    public static string Offset(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("zzz", CultureInfo.InvariantCulture);

    /// <summary>The state of a report's latest ledger row, read against now (a rendered public report is scheduled or due).</summary>
    public static PortalState Of(LedgerEntry entry, DateTimeOffset now, TimeZoneInfo zone) => entry.State switch
    {
        ReportState.Received => new("received", "已收到", "Received"),
        ReportState.Rejected => new("rejected", "未通过校验", "Rejected"),
        ReportState.Validated => new("validated", "已通过校验,正在生成网页", "Validated, page being rendered"),
        ReportState.Held => new("held", "含个人信息,等待管理员审核后发布", "Held: personal data found, waiting for an administrator's review"),
        ReportState.Rendered when !entry.Publishable => new("rendered", "网页已生成;公开范围不是主动公开,不在网站发布", "Rendered; not for proactive publication, stays off the site"),
        ReportState.Rendered when entry.ReleaseAt is { } at && at > now => new("scheduled", "网页已生成,定于 " + Time(at, zone) + " 发布", "Rendered, scheduled for " + at.ToString("O", CultureInfo.InvariantCulture)),
        ReportState.Rendered => new("due", "网页已生成,将在下一次发布时上线", "Rendered, goes live at the next publish run"),
        ReportState.Published => new("published", "已发布于 " + (entry.PublishedAt is { } p ? Time(p, zone) : "网站"), "Published" + (entry.PublishedAt is { } q ? " at " + q.ToString("O", CultureInfo.InvariantCulture) : "")),
        ReportState.Withdrawn => new("withdrawn", "已撤回" + (entry.Reason is { Length: > 0 } r ? ":" + r : ""), "Withdrawn" + (entry.Reason is { Length: > 0 } s ? ": " + s : "")),
        ReportState.Failed => new("failed", "生成网页失败,请联系管理员", "Rendering failed; contact the administrator"),
        _ => new("received", "已收到", "Received"),
    };

    public static PortalState Waiting { get; } = new("received", "已收到,等待校验", "Received, waiting for validation");
    public static PortalState Rejected { get; } = new("rejected", "未通过校验,未发布;请按下列提示修改后重新上传", "Rejected, not published; fix what is listed below and upload again");
    public static PortalState Duplicate { get; } = new("duplicate", "与已上传的文件内容相同,未作改动", "Same content as an earlier upload; nothing changed");

    public static PortalState Superseded(int latest) => new("superseded", $"已被第 {latest} 版取代", $"Superseded by version {latest}");

    /// <summary>States after which nothing changes without a new upload or an operator: the page stops polling.</summary>
    public static bool IsFinal(string key) => key is "rejected" or "duplicate" or "published" or "withdrawn" or "failed" or "superseded" or "rendered" or "held";

    public static (string Zh, string En) Source(MetadataSource source) => source switch
    {
        MetadataSource.Document => ("文件中的标注", "written in the document's header"),
        MetadataSource.Context => ("机构登记信息", "the agency registry"),
        MetadataSource.Inferred => ("从正文推断(如落款)", "inferred from the body (e.g. the signature)"),
        MetadataSource.Default => ("系统默认值", "the pipeline's default"),
        MetadataSource.Assigned => ("系统分配", "assigned by the pipeline"),
        _ => ("未找到", "not found"),
    };

    public static (string Zh, string En) Source(string? releaseAtSource) => releaseAtSource switch
    {
        "document" => ("文件中的发布日期", "the release date in the document"),
        "upload" => ("上传时填写的发布时间", "the release time given at upload"),
        "now" => ("未指定,校验后即发布", "none given: published once ready"),
        _ => ("未定", "not yet set"),
    };
}
