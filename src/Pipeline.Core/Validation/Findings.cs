using Pipeline.Core.Model;

namespace Pipeline.Core.Validation;

/// <summary>
/// Every finding the analyser can report: a stable kebab-case code and a message in Chinese and English that says what
/// is wrong, where, and how to fix it. Codes never change once shipped; messages may be reworded.
/// </summary>
public static partial class Findings
{
    private static string LineZh(int? line) => line is { } l ? $"第 {l} 行" : "";
    private static string LineEn(int? line) => line is { } l ? $" (line {l})" : "";
    private static string? At(int? line) => line is { } l ? $"line {l}" : null;

    public static Finding NotText(string looksLikeEn, string looksLikeZh, string? detail) => new("not-text",
        $"上传的文件不是文本报告，看起来是{looksLikeZh}。请上传 Word（.docx）文档、PDF、网页（.html）或 UTF-8、GB18030 文本文件。",
        $"The uploaded file is not a text report; it looks like a {looksLikeEn}{(detail is null ? "" : $" ({detail})")}. Upload a Word (.docx) document, a PDF, a web page (.html) or a UTF-8 or GB18030 text file.");

    public static Finding Empty() => new("empty",
        "文件为空或只有空白，没有报告内容。请检查是否上传了正确的文件。",
        "The file is empty or contains only whitespace; there is no report in it. Check that the right file was uploaded.");

    public static Finding EmptyAfterCleaning(int removed) => new("empty",
        $"去掉网页导航等无关内容（{removed} 行）后没有剩下报告正文。请上传报告本身，而不是网页外框。",
        $"After removing web page chrome ({removed} lines) no report text is left. Upload the report itself, not the page around it.");

    public static Finding TooLarge(long seen, long max) => new("too-large",
        $"文件超过 {Size(max, "字节")} 的大小上限（已读取 {seen} 字节）。请拆分文件或删除嵌入的图片后重新上传。",
        $"The file exceeds the {Size(max, "bytes")} size limit ({seen} bytes read). Split it or remove embedded images and upload again.");

    public static Finding TooMuchContent(string? detail) => new("too-much-content",
        $"文件内容超出单份报告的处理上限（{detail}）。请检查是否误传了其他文件，或将报告拆分后分别上传。",
        $"The file holds more than one report may ({detail}). Check that it is the right file, or split the report and upload each part.");

    private static string Size(long bytes, string unit) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes} {unit}";

    public static Finding Undecodable(string? detail) => new("undecodable",
        "无法识别文件的文字编码（既不是 UTF-8、UTF-16，也不是 GB18030/GBK）。请在编辑器中以 UTF-8 编码另存后重新上传。",
        $"The file's text encoding cannot be recognised (not UTF-8, UTF-16 with BOM, or GB18030/GBK){(detail is null ? "" : $": {detail}")}. Save it as UTF-8 in your editor and upload again.");

    public static Finding DamagedWordDocument(string? detail) => new("undecodable",
        "Word 文档已损坏，无法读取。请用 Word 打开后重新保存为 .docx，再上传。",
        $"The Word document is damaged and cannot be read{(detail is null ? "" : $" ({detail})")}. Open it in Word, save it again as .docx and upload it.");

    public static Finding InternalError(string exceptionType) => new("internal-error",
        "处理该文件时发生内部错误，文件未被接受。请将文件转交技术支持人员。",
        $"An internal error ({exceptionType}) occurred while analysing this file, so it was not accepted. Please pass the file to technical support.");

    public static Finding BundledDocuments(int count, IReadOnlyList<int> lines) => new("bundled-documents",
        $"该文件包含 {count} 篇不同的文件（见第 {string.Join("、", lines)} 行），不能作为一份报告发布。请每份文件单独上传。",
        $"This file bundles {count} different documents (see lines {string.Join(", ", lines)}); it cannot be published as one report. Upload each document as its own file.",
        At(lines.FirstOrDefault()));

    public static Finding IndexCodeMissing() => new("index-code-missing",
        "文件中没有索引号。系统将按“机构代码/年份-序号”自动分配索引号。",
        "The document has no index code (索引号). The pipeline will assign one as <organisation code>/<year>-<sequence>.");

    public static Finding IndexCodeMalformed(string value, int? line) => new("index-code-malformed",
        $"{LineZh(line)}的索引号“{value}”格式不正确。应为“机构代码/年份-序号”，例如 00638229X4/2019-1513549。请更正后重新上传。",
        $"The index code \"{value}\"{LineEn(line)} is malformed. It should be <organisation code>/<year>-<sequence>, e.g. 00638229X4/2019-1513549. Correct it and upload again.",
        At(line));

    public static Finding IndexCodeForeign(string value, string documentOrg, string agencyOrg, int? line) => new("index-code-foreign",
        $"{LineZh(line)}的索引号“{value}”使用的机构代码 {documentOrg} 不是本单位的机构代码 {agencyOrg}。请使用本单位的索引号，或上传到正确单位的目录。",
        $"The index code \"{value}\"{LineEn(line)} uses organisation code {documentOrg}, not this agency's code {agencyOrg}. Use your own agency's index code, or upload the file to the right agency's folder.",
        At(line));

    public static Finding DateInvalid(string field, string fieldZh, string value, int? line) => new("date-invalid",
        $"{LineZh(line)}的{fieldZh}“{value}”不是有效日期（日期不存在或年份不在 1949 年至明年之间）。请更正日期。",
        $"The {field} \"{value}\"{LineEn(line)} is not a valid date (no such day, or the year is outside 1949..next year). Correct the date.",
        At(line));

    public static Finding PublisherMismatch(string documentPublisher, string agencyName, int? line) => new("publisher-mismatch",
        $"{LineZh(line)}的发布机构“{documentPublisher}”与上传单位“{agencyName}”不一致。一个单位只能上传本单位的报告；如这是本单位的别名，请联系管理员登记。",
        $"The publisher \"{documentPublisher}\"{LineEn(line)} is not the uploading agency \"{agencyName}\". An agency may only upload its own reports; if this is another name of your agency, ask the administrator to register it as an alias.",
        At(line));

    public static Finding PublisherSourcesDiffer(PublisherCandidate chosen, PublisherCandidate other) => new("publisher-sources-differ",
        $"文件中的发布机构说法不一致：{WhereZh(chosen)}为“{chosen.Name}”，{WhereZh(other)}为“{other.Name}”。网站采用“{chosen.Name}”，请核对。",
        $"The document names its publisher differently: \"{chosen.Name}\" in the {WhereEn(chosen)}, \"{other.Name}\" in the {WhereEn(other)}. The site uses \"{chosen.Name}\"; check it.",
        At(other.LineNumber));

    private static string WhereZh(PublisherCandidate c) => c.From switch { "header" => "文件头", "title" => "标题", "signature" => "落款", _ => "来源行" };

    private static string WhereEn(PublisherCandidate c) => c.From switch { "header" => "header", "title" => "title", "signature" => "signature", _ => "source line" };

    public static Finding PublicScopeMissing(string defaultScope) => new("public-scope-missing",
        $"文件没有写明公开范围，将按默认值“{defaultScope}”处理。如不应公开，请在文件头加上“公开范围：…”后重新上传。",
        $"The document states no public scope (公开范围); the default \"{defaultScope}\" will apply. If it must not be published, add a \"公开范围:…\" line to its header and upload again.");

    /// <summary>A 公开范围 / 公开属性 that is written but not clearly 主动公开: kept, never published (fails closed).</summary>
    public static Finding PublicScopeUnrecognised(string value, int? line) => value.Length == 0
        ? new("public-scope-unrecognised",
            $"{LineZh(line)}写有公开范围标签但没有值（值可能写在下一行）：文件已接收并保存，但在确认为“主动公开”之前不会在网站上发布。请在同一行写明“公开范围：主动公开”或“依申请公开”等后重新上传。",
            $"A public scope label{LineEn(line)} has no value (it may be on the next line): the report is accepted and stored but will not be published until its scope reads clearly as 主动公开 (public). Write e.g. \"公开范围:主动公开\" on one line and upload again.",
            At(line))
        : new("public-scope-unrecognised",
            $"{LineZh(line)}的公开范围“{value}”不能确认为“主动公开”：文件已接收并保存，但不会在网站上发布。如应公开，请写明“主动公开”后重新上传。",
            $"The public scope \"{value}\"{LineEn(line)} does not read clearly as 主动公开 (public): the report is accepted and stored but will not be published. If it is public, write 主动公开 and upload again.",
            At(line));

    public static Finding NotPublic(string value, int? line = null) => new("not-public",
        $"{LineZh(line)}公开范围为“{value}”：文件已接收并保存，但不会在网站上发布。",
        $"The public scope is \"{value}\"{LineEn(line)}: the report is accepted and stored but will never be published on the site.",
        At(line));

    public static Finding TitleMissing() => new("title-missing",
        "未能识别报告标题，页面将使用文件名作为标题。请把标题放在文件第一行。",
        "No report title was found; the page will use the file name. Put the title on the first line of the file.");

    public static Finding PersonalData(IReadOnlyList<PersonalDataHit> hits, PrivacyMode mode)
    {
        var lines = string.Join("、", hits.Select(h => h.LineNumber).Distinct());
        var linesEn = string.Join(", ", hits.Select(h => h.LineNumber).Distinct());
        var kindsZh = string.Join("、", hits.Select(h => h.Kind switch { "mobile" => "手机号码", "resident-id" => "身份证号码", _ => "个人电子邮箱" }).Distinct());
        var kindsEn = string.Join(", ", hits.Select(h => h.Kind switch { "mobile" => "mobile numbers", "resident-id" => "resident ID numbers", _ => "personal e-mail addresses" }).Distinct());
        var (actionZh, actionEn) = mode == PrivacyMode.HoldForReview
            ? ("文件暂不发布，等待管理员审核；如需发布，请删除或改用办公电话/单位邮箱后重新上传。", "The report is held for review and will not be published until an operator approves it; to publish, remove them or use office numbers/addresses and upload again.")
            : ("发布时将以 * 号遮盖这些信息。", "They will be masked with * when published.");
        return new Finding("personal-data",
            $"第 {lines} 行包含个人信息（{kindsZh}，共 {hits.Count} 处）。{actionZh}",
            $"Lines {linesEn} contain personal data ({kindsEn}; {hits.Count} in total). {actionEn}",
            At(hits[0].LineNumber));
    }

    public static Finding TableTotalMismatch(string parent, decimal parentValue, decimal childSum, int childCount, int? line) => new("table-total-mismatch",
        $"统计表{LineZh(line)}中“{parent}”为 {parentValue}，但其下 {childCount} 个分项之和为 {childSum}。请核对统计数。",
        $"In the table{LineEn(line)}, \"{parent}\" is {parentValue} but its {childCount} numbered sub-items add up to {childSum}. Check the figures.",
        At(line));
}
