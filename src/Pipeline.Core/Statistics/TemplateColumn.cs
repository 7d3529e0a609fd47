namespace Pipeline.Core.Statistics;

/// <summary>A column of a template statistics table.</summary>
/// <param name="Key">Stable ASCII key ("natural-person", "total", "issued", "upheld").</param>
/// <param name="Label">The header as the template writes it.</param>
/// <param name="LabelEn">The header in English.</param>
/// <param name="Group">The upper header this column sits under (法人或其他组织, 行政诉讼…), or null.</param>
public sealed record TemplateColumn(string Key, string Label, string LabelEn, string? Group = null);
