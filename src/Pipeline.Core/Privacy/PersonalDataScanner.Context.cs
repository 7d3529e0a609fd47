using System.Text.RegularExpressions;
using Pipeline.Core.Classification;

namespace Pipeline.Core.Privacy;

/// <summary>
/// Whether a found number or address is an organisation's published contact rather than a private person's. Personal
/// data is a private person's: an applicant's or citizen's details, a named staff member's own mobile (填报人：刘某
/// 联系电话：185…). An office mailbox or hotline in the report's contact sentence (如对本报告有疑问，请与某县人民政府办公室
/// 联系（地址：…；电话：…；电子邮箱：…@163.com）, 监督电话, 咨询电话) is not.
/// </summary>
/// <remarks>
/// The decision reads the sentence around the hit (up to 。！？ or the line's end, at most <see cref="ContextChars"/>
/// characters each side), normalised by <see cref="ClassificationText"/>, and fails closed:
/// <list type="bullet">
/// <item>any sign of a person in the sentence — a person's label (联系人, 填报人, 经办人, 负责人, 申请人, 姓名…), an
/// honorific or title (先生, 女士, 同志, 主任, 科长…), 个人/本人/私人, 手机/微信, 身份证 — keeps the hit personal;</item>
/// <item>a mobile number is cleared only when the label just before it names a hotline (监督电话, 咨询电话, 投诉电话,
/// 举报电话, 服务热线, 值班电话, 办公电话…), or when it is a plain 电话/联系电话 of a sentence that names an office
/// (办公室, 人民政府, 局, 中心…) and is a contact sentence (请与…联系, 如对…有疑问, 地址, 邮编…);</item>
/// <item>an e-mail address is cleared when its sentence names an office and is a contact sentence, or names a hotline.</item>
/// </list>
/// What stays possible: a staff member's mobile given as an office's hotline with no name or title near it is not held
/// — the report states it as the office's number. Anything less clear is held for an operator to decide.
/// </remarks>
public static partial class PersonalDataScanner
{
    private const int ContextChars = 120;
    private const int LabelChars = 16;

    private static readonly string[] PersonSigns =
    [
        "联系人", "填报人", "经办人", "负责人", "申请人", "当事人", "举报人", "投诉人", "代理人", "承办人", "审核人", "审批人", "签发人",
        "编制人", "制表人", "姓名", "本人", "个人", "私人", "先生", "女士", "同志", "老师", "主任", "科长", "局长", "股长", "所长",
        "站长", "部长", "书记", "镇长", "乡长", "县长", "处长", "干事", "专员", "手机", "微信", "身份证", "家属",
    ];

    private static readonly string[] HotlineLabels =
    [
        "监督电话", "咨询电话", "投诉电话", "举报电话", "服务热线", "热线", "值班电话", "办公电话", "办公室电话", "服务电话", "受理电话",
        "查询电话", "监督举报", "传真",
    ];

    private static readonly string[] PlainPhoneLabels = ["电话", "联系方式", "联系电话", "tel", "Tel", "TEL"];

    private static readonly string[] OfficeWords =
    [
        "办公室", "党政办", "政府办", "综合办", "人民政府", "政府", "委员会", "管委会", "办事处", "街道", "中心", "机关", "单位", "部门", "窗口", "局", "厅",
        "管理处", "派出所", "卫生院", "医院", "学校", "法院", "检察院", "服务站", "工作站", "公司",
    ];

    private static bool IsOrganisationContact(string text, int start, int end, string kind)
    {
        if (kind == ResidentIdKind) return false;
        var sentenceStart = Math.Max(0, start - ContextChars);
        for (var i = start - 1; i >= sentenceStart; i--)
            if (IsSentenceEnd(text[i])) { sentenceStart = i + 1; break; }
        var sentenceEnd = Math.Min(text.Length, end + ContextChars);
        for (var i = end; i < sentenceEnd; i++)
            if (IsSentenceEnd(text[i])) { sentenceEnd = i; break; }

        var before = ClassificationText.Normalize(text[sentenceStart..start]);
        var after = ClassificationText.Normalize(text[end..sentenceEnd]);
        var sentence = before + " " + after;
        if (ContainsAny(sentence, PersonSigns)) return false;

        var names = ContainsAny(sentence, OfficeWords);
        var contactSentence = ContactSentence().IsMatch(sentence);
        var label = Label(before);
        if (kind == MobileKind)
            return ContainsAny(label, HotlineLabels) || (ContainsAny(label, PlainPhoneLabels) && names && contactSentence);
        return (names && contactSentence) || ContainsAny(sentence, HotlineLabels);
    }

    /// <summary>
    /// Eleven digits that are figures of a statistics table flattened into one run, not a phone number: straight after
    /// a row label of the template ("…申请数量15130000154二、…", "（七）总计14710000148"), or the whole part of an
    /// amount ("13575394432.52元"). Only mobiles: a resident ID has a check character that figures do not pass.
    /// </summary>
    private static bool IsTableFigure(string text, int start, int end, string kind)
    {
        if (kind != MobileKind) return false;
        if (end + 1 < text.Length && text[end] is '.' or '．' && char.IsAsciiDigit(text[end + 1])) return true;
        var lead = text.AsSpan(Math.Max(0, start - 30), start - Math.Max(0, start - 30));
        return Parsing.AnnualReportVocabulary.EndsWithTableRowLabel(lead);
    }

    /// <summary>The words just before the hit, back to the previous clause boundary: 电话： in "地址：…；电话：0595…".</summary>
    private static string Label(string before)
    {
        var from = Math.Max(0, before.Length - LabelChars);
        var boundary = before.AsSpan(from).LastIndexOfAny(",;，；、");
        return before[(boundary < 0 ? from : from + boundary + 1)..];
    }

    private static bool IsSentenceEnd(char c) => c is '。' or '！' or '？' or '!' or '?' or '\n';

    private static bool ContainsAny(string text, string[] words)
    {
        foreach (var word in words)
            if (text.Contains(word, StringComparison.Ordinal)) return true;
        return false;
    }

    // A sentence that gives an office's contact details: "请与…联系", "如对…有疑问/意见", "欢迎…监督/咨询", an address or post code.
    [GeneratedRegex(@"请与.{0,40}联系|如对.{0,40}(疑问|意见|建议)|如有.{0,10}(疑问|意见|建议)|欢迎.{0,20}(监督|咨询)|联系地址|通讯地址|地址|邮政编码|邮编|咨询|监督")]
    private static partial Regex ContactSentence();
}
