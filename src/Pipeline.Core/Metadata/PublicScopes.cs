using Pipeline.Core.Model;

namespace Pipeline.Core.Metadata;

/// <summary>Maps a 公开范围 / 公开属性 / 公开方式 value as written to whether the report may go on the public site.</summary>
public static class PublicScopes
{
    // Checked first: every one of these also contains 公开.
    private static readonly string[] NotPublicMarkers = ["不予公开", "不公开", "非公开", "依申请", "内部", "部分公开", "涉密", "秘密", "机密"];
    private static readonly string[] PublicMarkers = ["主动公开", "全部公开", "向社会公开", "社会公开", "公开"];

    public static PublicScope Normalize(string? written)
    {
        if (string.IsNullOrWhiteSpace(written)) return PublicScope.Unknown;
        foreach (var marker in NotPublicMarkers)
            if (written.Contains(marker, StringComparison.Ordinal)) return PublicScope.NotPublic;
        foreach (var marker in PublicMarkers)
            if (written.Contains(marker, StringComparison.Ordinal)) return PublicScope.Public;
        return PublicScope.Unknown;
    }
}
