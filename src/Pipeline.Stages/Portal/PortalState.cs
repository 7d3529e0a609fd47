namespace Pipeline.Stages.Portal;

/// <summary>
/// Where an upload or report is, as the clerk reads it: a stable <paramref name="Key"/> (received, rejected,
/// duplicate, validated, held, rendered, scheduled, due, published, withdrawn, failed, superseded) and its label in
/// Chinese and English, times already in the site's time zone.
/// </summary>
public sealed record PortalState(string Key, string Label, string LabelEn);
