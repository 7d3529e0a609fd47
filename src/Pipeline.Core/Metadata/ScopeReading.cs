namespace Pipeline.Core.Metadata;

/// <summary>How a 公开范围 / 公开属性 / 公开方式 value reads once normalised for classification.</summary>
public enum ScopeReading
{
    /// <summary>Nothing written (empty, or only spaces and punctuation).</summary>
    Empty,
    /// <summary>Clearly proactive publication: 主动公开 or an accepted synonym, possibly with a channel (政府网站).</summary>
    Public,
    /// <summary>Contains a not-public marker (依申请, 不予公开, 内部, 部分公开, 涉密, 限制…), whatever else it says.</summary>
    NotPublic,
    /// <summary>Only a channel (政府网站, 公开栏): says how, not whether. Common in 公开方式.</summary>
    ChannelOnly,
    /// <summary>Anything else: not recognisably public, so not publishable.</summary>
    Unclear,
}
