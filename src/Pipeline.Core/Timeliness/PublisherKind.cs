namespace Pipeline.Core.Timeliness;

/// <summary>
/// Whose annual report it is, for its deadline (政府信息公开条例 第四十九条): a people's government's (published by
/// 3月31日) or a department's (by 1月31日).
/// </summary>
public enum PublisherKind
{
    Unknown,
    /// <summary>人民政府 of a province, city, county, district, township or town.</summary>
    Government,
    /// <summary>A department or office of a government (局, 委员会, 办公室…), or any other body.</summary>
    Department,
}
