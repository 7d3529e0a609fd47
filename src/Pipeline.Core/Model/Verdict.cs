namespace Pipeline.Core.Model;

/// <summary>One finding: a stable code plus a message in Chinese and English that a clerk understands.</summary>
/// <param name="Code">Stable machine code, e.g. "index-code-malformed". Never changes once shipped.</param>
/// <param name="MessageZh">What is wrong, where, and how to fix it, in Chinese.</param>
/// <param name="MessageEn">The same in English.</param>
/// <param name="Location">Where in the file (e.g. "line 3"), when known.</param>
public sealed record Finding(string Code, string MessageZh, string MessageEn, string? Location = null)
{
    /// <summary>The bilingual message shown to agencies: Chinese first.</summary>
    public string Message => MessageZh + " / " + MessageEn;
}

/// <summary>
/// The validation verdict. Accepted = stored and rendered. Publishable = accepted and allowed on the public site
/// (accepted but not publishable: e.g. not for public release, or held for privacy review).
/// </summary>
public sealed record Verdict(
    bool Accepted,
    bool Publishable,
    IReadOnlyList<Finding> Errors,
    IReadOnlyList<Finding> Warnings)
{
    /// <summary>Working days from 生成日期 to the release date known at validation, and an annual report's deadline; null when not assessed (rejected).</summary>
    public Timeliness.TimelinessAssessment? Timeliness { get; init; }

    public bool HasError(string code) => Errors.Any(e => e.Code == code);
    public bool HasWarning(string code) => Warnings.Any(w => w.Code == code);
}
