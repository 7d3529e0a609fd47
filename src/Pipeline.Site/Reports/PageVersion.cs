namespace Pipeline.Site.Reports;

/// <summary>One version in a page's 版本记录 (version history): its number, the day it went public, and its change note.</summary>
/// <param name="Note">修订说明: what the version changed, as the agency wrote it; null for none (the first version says 首次发布).</param>
public sealed record PageVersion(int Version, DateOnly? Date, string? Note);
