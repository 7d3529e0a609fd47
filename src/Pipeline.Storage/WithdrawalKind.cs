namespace Pipeline.Storage;

/// <summary>Why a report left the site: decides what the pipeline does with it, whatever its reason text says.</summary>
public enum WithdrawalKind
{
    /// <summary>An operator withdrew it (`pipeline withdraw`, POST /api/withdraw); the reason is the operator's.</summary>
    Operator,
    /// <summary>The publisher took it down because its latest version is no longer for public release.</summary>
    NoLongerPublic,
}
