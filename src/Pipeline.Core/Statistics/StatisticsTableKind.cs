namespace Pipeline.Core.Statistics;

/// <summary>The three statistics tables of the national template, named after the report section that holds them.</summary>
public enum StatisticsTableKind
{
    /// <summary>Section 二 主动公开政府信息情况: 第二十条第（一）（五）（六）（八）项 (and （九）项 in 2019).</summary>
    ProactiveDisclosure,

    /// <summary>Section 三 收到和处理政府信息公开申请情况: rows 一 to 四 by applicant columns.</summary>
    Applications,

    /// <summary>Section 四 政府信息公开行政复议、行政诉讼情况: three groups of 维持/纠正/其他/尚未审结/总计.</summary>
    ReviewAndLitigation,
}
