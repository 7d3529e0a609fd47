namespace Pipeline.Core.Statistics;

/// <summary>
/// The national template's three statistics tables as data (国办公开办函〔2019〕60号 and its revision 〔2021〕30号):
/// their rows and columns with stable keys. The one place that knows the template's table structure; readers, checks,
/// renderers and open data all address cells through these keys.
/// </summary>
public static class StatisticsTemplate
{
    private static readonly TemplateVersion[] Both = [TemplateVersion.Template2019, TemplateVersion.Template2021];
    private static readonly TemplateVersion[] Only2019 = [TemplateVersion.Template2019];
    private static readonly TemplateVersion[] Only2021 = [TemplateVersion.Template2021];

    // ---- Section 二: 主动公开政府信息情况 ----

    public static IReadOnlyList<TemplateRow> ProactiveRows { get; } =
    [
        new("regulations", "regulations", null, "规章", "Regulations (第二十条第（一）项)", null, Both),
        new("normative-documents", "normative-documents", null, "行政规范性文件", "Normative documents (第二十条第（一）项)", null, Both),
        new("licensing", "licensing", null, "行政许可", "Administrative licensing (第二十条第（五）项)", null, Both),
        new("other-services", "other-services", null, "其他对外管理服务事项", "Other external management services (第二十条第（五）项)", null, Only2019),
        new("penalties", "penalties", null, "行政处罚", "Administrative penalties (第二十条第（六）项)", null, Both),
        new("enforcement", "enforcement", null, "行政强制", "Administrative enforcement (第二十条第（六）项)", null, Both),
        new("fees", "fees", null, "行政事业性收费", "Administrative fees (第二十条第（八）项)", null, Both),
        new("procurement", "procurement", null, "政府集中采购", "Government central procurement (第二十条第（九）项)", null, Only2019),
    ];

    private static readonly TemplateColumn Issued = new("issued", "本年制发件数", "Issued this year");
    private static readonly TemplateColumn Repealed = new("repealed", "本年废止件数", "Repealed this year");
    private static readonly TemplateColumn InForce = new("in-force", "现行有效件数", "In force");
    private static readonly TemplateColumn Decisions2021 = new("decisions", "本年处理决定数量", "Decisions this year");
    private static readonly TemplateColumn Amount = new("amount", "本年收费金额（单位：万元）", "Fees collected this year (10,000 yuan)");
    private static readonly TemplateColumn Made = new("made", "本年新制作数量", "Made this year");
    private static readonly TemplateColumn Published = new("published", "本年新公开数量", "Published this year");
    private static readonly TemplateColumn PublishedTotal = new("published-total", "对外公开总数量", "Published in total");
    private static readonly TemplateColumn ItemsLastYear = new("items-last-year", "上一年项目数量", "Items last year");
    private static readonly TemplateColumn Change = new("change", "本年增/减", "Change this year");
    private static readonly TemplateColumn Decisions2019 = new("decisions", "处理决定数量", "Decisions");
    private static readonly TemplateColumn ProcurementItems = new("procurement-items", "采购项目数量", "Procurement items");
    private static readonly TemplateColumn ProcurementAmount = new("procurement-amount", "采购总金额", "Procurement amount");

    /// <summary>The columns of a section 二 row, in the order the template writes them.</summary>
    public static IReadOnlyList<TemplateColumn> ProactiveColumns(string row, TemplateVersion version) => (row, version) switch
    {
        ("regulations" or "normative-documents", TemplateVersion.Template2019) => Documents2019,
        ("regulations" or "normative-documents", _) => Documents2021,
        ("licensing" or "other-services" or "penalties" or "enforcement", TemplateVersion.Template2019) => Decisions2019Columns,
        ("licensing" or "penalties" or "enforcement", _) => Decisions2021Columns,
        ("fees", TemplateVersion.Template2019) => Fees2019,
        ("fees", _) => Fees2021,
        ("procurement", TemplateVersion.Template2019) => Procurement2019,
        _ => [],
    };

    // Built once: the reader asks for a row's columns every time it places one.
    private static readonly TemplateColumn[] Documents2019 = [Made, Published, PublishedTotal];
    private static readonly TemplateColumn[] Documents2021 = [Issued, Repealed, InForce];
    private static readonly TemplateColumn[] Decisions2019Columns = [ItemsLastYear, Change, Decisions2019];
    private static readonly TemplateColumn[] Decisions2021Columns = [Decisions2021];
    private static readonly TemplateColumn[] Fees2019 = [ItemsLastYear, Change];
    private static readonly TemplateColumn[] Fees2021 = [Amount];
    private static readonly TemplateColumn[] Procurement2019 = [ProcurementItems, ProcurementAmount];

    // ---- Section 三: 收到和处理政府信息公开申请情况 ----

    public static IReadOnlyList<TemplateRow> ApplicationRows { get; } =
    [
        new("1", "new-received", "一、", "本年新收政府信息公开申请数量", "New applications received this year", null, Both),
        new("2", "carried-over", "二、", "上年结转政府信息公开申请数量", "Applications carried over from last year", null, Both),
        new("3", "outcomes", "三、", "本年度办理结果", "Outcomes this year", null, Both, HasCells: false),
        new("3.1", "disclosed", "（一）", "予以公开", "Disclosed", "3", Both),
        new("3.2", "partly-disclosed", "（二）", "部分公开", "Partly disclosed", "3", Both),
        new("3.3", "withheld", "（三）", "不予公开", "Not disclosed", "3", Both, HasCells: false),
        new("3.3.1", "state-secret", "1.", "属于国家秘密", "State secret", "3.3", Both),
        new("3.3.2", "prohibited-by-law", "2.", "其他法律行政法规禁止公开", "Prohibited by other laws and regulations", "3.3", Both),
        new("3.3.3", "endangers-security", "3.", "危及“三安全一稳定”", "Endangers security or stability", "3.3", Both),
        new("3.3.4", "third-party-rights", "4.", "保护第三方合法权益", "Protects a third party's rights", "3.3", Both),
        new("3.3.5", "internal-affairs", "5.", "属于三类内部事务信息", "Internal affairs", "3.3", Both),
        new("3.3.6", "process-information", "6.", "属于四类过程性信息", "Process information", "3.3", Both),
        new("3.3.7", "enforcement-files", "7.", "属于行政执法案卷", "Law-enforcement files", "3.3", Both),
        new("3.3.8", "query-matters", "8.", "属于行政查询事项", "Administrative query matters", "3.3", Both),
        new("3.4", "unavailable", "（四）", "无法提供", "Cannot be provided", "3", Both, HasCells: false),
        new("3.4.1", "not-held", "1.", "本机关不掌握相关政府信息", "Not held by this body", "3.4", Both),
        new("3.4.2", "needs-creation", "2.", "没有现成信息需要另行制作", "Would have to be created", "3.4", Both),
        new("3.4.3", "still-unclear", "3.", "补正后申请内容仍不明确", "Still unclear after correction", "3.4", Both),
        new("3.5", "not-processed", "（五）", "不予处理", "Not processed", "3", Both, HasCells: false),
        new("3.5.1", "complaint", "1.", "信访举报投诉类申请", "Petitions, reports and complaints", "3.5", Both),
        new("3.5.2", "repeated", "2.", "重复申请", "Repeated applications", "3.5", Both),
        new("3.5.3", "publications", "3.", "要求提供公开出版物", "Published materials requested", "3.5", Both),
        new("3.5.4", "excessive", "4.", "无正当理由大量反复申请", "Excessive repeated applications", "3.5", Both),
        new("3.5.5", "confirmation", "5.", "要求行政机关确认或重新出具已获取信息", "Confirmation or reissue of information held", "3.5", Both),
        // 2019: （六）其他处理 is one row with figures; 2021: a group of three items.
        new("3.6", "other-handling", "（六）", "其他处理", "Otherwise handled", "3", Both),
        new("3.6.1", "no-correction", "1.", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "Applicant did not correct in time", "3.6", Only2021),
        new("3.6.2", "fee-unpaid", "2.", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "Applicant did not pay the fee in time", "3.6", Only2021),
        new("3.6.3", "other", "3.", "其他", "Other", "3.6", Only2021),
        new("3.7", "total", "（七）", "总计", "Total", "3", Both),
        new("4", "carried-forward", "四、", "结转下年度继续办理", "Carried forward to next year", null, Both),
    ];

    /// <summary>Applicant columns of section 三, in template order; <see cref="Total"/> is their sum.</summary>
    public static IReadOnlyList<TemplateColumn> ApplicantColumns { get; } =
    [
        new("natural-person", "自然人", "Natural persons"),
        new("commercial", "商业企业", "Businesses", "法人或其他组织"),
        new("research", "科研机构", "Research institutions", "法人或其他组织"),
        new("social-welfare", "社会公益组织", "Public-interest organisations", "法人或其他组织"),
        new("legal-service", "法律服务机构", "Legal service providers", "法人或其他组织"),
        new("other-organisation", "其他", "Other organisations", "法人或其他组织"),
    ];

    public static TemplateColumn Total { get; } = new("total", "总计", "Total");

    public static IReadOnlyList<TemplateColumn> ApplicationColumns { get; } = [.. ApplicantColumns, Total];

    // ---- Section 四: 政府信息公开行政复议、行政诉讼情况 ----

    public static IReadOnlyList<TemplateRow> ReviewRows { get; } =
    [
        new("review", "review", null, "行政复议", "Administrative review", null, Both),
        new("litigation-direct", "litigation-direct", null, "未经复议直接起诉", "Litigation without prior review", null, Both),
        new("litigation-after-review", "litigation-after-review", null, "复议后起诉", "Litigation after review", null, Both),
    ];

    /// <summary>The five columns of each section 四 group; the first four add up to <c>total</c>.</summary>
    public static IReadOnlyList<TemplateColumn> ReviewColumns { get; } =
    [
        new("upheld", "结果维持", "Upheld"),
        new("corrected", "结果纠正", "Corrected"),
        new("other", "其他结果", "Other result"),
        new("pending", "尚未审结", "Pending"),
        new("total", "总计", "Total"),
    ];

    public static IReadOnlyList<TemplateRow> Rows(StatisticsTableKind kind) => kind switch
    {
        StatisticsTableKind.ProactiveDisclosure => ProactiveRows,
        StatisticsTableKind.Applications => ApplicationRows,
        _ => ReviewRows,
    };

    public static TemplateRow? Row(StatisticsTableKind kind, string key) => Rows(kind).FirstOrDefault(r => r.Key == key);

    /// <summary>The row's label as a reader sees it, numbering included ("（七）总计", "3.其他").</summary>
    public static string Display(TemplateRow row) => row.Number + row.Label;

    /// <summary>The column's header as a reader sees it, under its group when it has one ("行政诉讼·复议后起诉·总计" is built by callers).</summary>
    public static TemplateColumn? Column(StatisticsTableKind kind, string row, string key, TemplateVersion version) => kind switch
    {
        StatisticsTableKind.ProactiveDisclosure => ProactiveColumns(row, version).FirstOrDefault(c => c.Key == key),
        StatisticsTableKind.Applications => ApplicationColumns.FirstOrDefault(c => c.Key == key),
        _ => ReviewColumns.FirstOrDefault(c => c.Key == key),
    };
}
