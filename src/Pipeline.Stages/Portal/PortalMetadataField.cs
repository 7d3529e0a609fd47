namespace Pipeline.Stages.Portal;

/// <summary>One metadata value the pipeline read, with where it came from (<paramref name="Source"/>: document, context, inferred, default, assigned, none).</summary>
public sealed record PortalMetadataField(string Field, string Label, string? Value, string Source, string SourceLabel, string SourceLabelEn);
