using Pipeline.Core.Model;

namespace Pipeline.Core.Metadata;

/// <summary>The scope that decides publication, the field it was read from (null when the default applies) and how it reads.</summary>
public sealed record ScopeDecision(MetadataValue<string> Written, PublicScope Normalized, ScopeReading Reading, HeaderField? Field);
