namespace Pipeline.Core.Statistics;

/// <summary>A row of a template statistics table.</summary>
/// <param name="Key">Stable ASCII key: the outline number in section 三 ("1", "3.3.1", "3.7", "4"), a name elsewhere ("regulations", "review").</param>
/// <param name="Name">Stable ASCII name ("new-received", "state-secret"); equals <paramref name="Key"/> where the key is a name.</param>
/// <param name="Number">The numbering the template writes before the label ("一、", "（三）", "1."), or null.</param>
/// <param name="Label">The label as the template writes it.</param>
/// <param name="LabelEn">The label in English.</param>
/// <param name="Parent">Key of the row this one is an item of ("3.3" for "3.3.1"), or null.</param>
/// <param name="Versions">The template editions that have this row.</param>
/// <param name="HasCells">False for rows that only group items (三、本年度办理结果, （三）不予公开 …).</param>
public sealed record TemplateRow(
    string Key,
    string Name,
    string? Number,
    string Label,
    string LabelEn,
    string? Parent,
    IReadOnlyList<TemplateVersion> Versions,
    bool HasCells = true)
{
    public bool In(TemplateVersion version) => version == TemplateVersion.Unknown || Versions.Contains(version);
}
