namespace Pipeline.Core.Statistics;

/// <summary>Which edition of the national annual-report template a report's statistics tables follow.</summary>
public enum TemplateVersion
{
    /// <summary>Tables read, but nothing in them or in the title tells the edition apart.</summary>
    Unknown,

    /// <summary>国办公开办函〔2019〕60号 (reports on 2019 and 2020): section 二 counts 本年新制作/新公开/对外公开总数量 and
    /// 上一年项目数量/本年增减/处理决定数量, with 政府集中采购; section 三's （六）其他处理 has no items.</summary>
    Template2019,

    /// <summary>国办公开办函〔2021〕30号 (reports from 2021 on): section 二 counts 本年制发/废止/现行有效件数 and
    /// 本年处理决定数量; section 三's （六）其他处理 has three items.</summary>
    Template2021,
}
