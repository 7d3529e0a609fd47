namespace Pipeline.Stages.Portal;

/// <summary>An error or warning of the verdict: code, message (with how to fix it) in both languages, and the line it is about when known.</summary>
public sealed record PortalFinding(string Code, string Message, string MessageEn, string? Location);
