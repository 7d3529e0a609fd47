using System.Text.RegularExpressions;

namespace Pipeline.Core.Timeliness;

/// <summary>Reads whether a body's name is a people's government or a department.</summary>
public static partial class PublisherKinds
{
    /// <summary>Parses the agency registry's "kind" ("government"/"department", or 政府/部门); anything else is Unknown.</summary>
    public static PublisherKind Parse(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "government" or "政府" or "人民政府" => PublisherKind.Government,
        "department" or "部门" => PublisherKind.Department,
        _ => PublisherKind.Unknown,
    };

    /// <summary>
    /// From the name alone: a name ending in 人民政府 or 政府 (平凉市人民政府, 北景港镇政府), or a bare place name
    /// (平凉市, 北景港镇), is a government; a name ending in a department's word (局, 委员会, 办公室, 厅, 中心…) is a
    /// department, 人民政府办公室 included (the office is a department of its government); otherwise Unknown.
    /// </summary>
    public static PublisherKind FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return PublisherKind.Unknown;
        var text = name.Trim();
        if (DepartmentEnding().IsMatch(text)) return PublisherKind.Department;
        if (GovernmentEnding().IsMatch(text) || PlaceName().IsMatch(text)) return PublisherKind.Government;
        return PublisherKind.Unknown;
    }

    [GeneratedRegex(@"(?:局|委员会|委|办公室|办公厅|办|厅|部|署|中心|院|所|站|队|处|科|室|会|社|馆|校|行|司|街道办事处|街道|管委会|管理委员会)$")]
    private static partial Regex DepartmentEnding();

    [GeneratedRegex(@"政府$")]
    private static partial Regex GovernmentEnding();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}{1,12}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|自治旗|区|乡|民族乡|镇|苏木)$")]
    private static partial Regex PlaceName();
}
