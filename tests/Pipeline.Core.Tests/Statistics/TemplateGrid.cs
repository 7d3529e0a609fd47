namespace Pipeline.Core.Tests.Statistics;

/// <summary>One cell of a table as Word and HTML write the template: merged across columns and rows.</summary>
public sealed record GridCell(string Text, int ColSpan = 1, int RowSpan = 1);

/// <summary>The template's three tables laid out with the merged cells of the official form (三、本年度办理结果 spanning its rows, （三）不予公开 its items).</summary>
public static class TemplateGrid
{
    public static List<List<GridCell>> Applications(TemplateReport report)
    {
        var rows = new List<List<GridCell>>
        {
            new() { new("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), new("申请人情况", 7) },
            new() { new("自然人", 1, 2), new("法人或其他组织", 5), new("总计", 1, 2) },
            new() { new("商业企业"), new("科研机构"), new("社会公益组织"), new("法律服务机构"), new("其他") },
        };
        var list = report.Applications;
        var outcomeRows = list.Count(r => r.Figures is not null && (r.Label.StartsWith('（') || char.IsAsciiDigit(r.Label[0])));
        string? pendingGroup = null;
        var groupSize = 0;
        var outerWritten = false;
        for (var i = 0; i < list.Count; i++)
        {
            var (_, label, figures) = list[i];
            if (figures is null)
            {
                pendingGroup = label;
                groupSize = list.Skip(i + 1).TakeWhile(r => char.IsAsciiDigit(r.Label[0])).Count();
                continue;
            }
            var row = new List<GridCell>();
            var isItem = char.IsAsciiDigit(label[0]);
            var isOutcome = isItem || label.StartsWith('（');
            if (isOutcome && !outerWritten)
            {
                row.Add(new("三、本年度办理结果", 1, outcomeRows));
                outerWritten = true;
            }
            if (isItem && pendingGroup is not null)
            {
                row.Add(new(pendingGroup, 1, groupSize));
                pendingGroup = null;
            }
            row.Add(isItem ? new(label) : new(label, isOutcome ? 2 : 3));
            row.AddRange(figures.Select(f => new GridCell(f ?? "")));
            rows.Add(row);
        }
        return rows;
    }

    public static List<List<GridCell>> Review(TemplateReport report) =>
    [
        [new("行政复议", 5), new("行政诉讼", 10)],
        [new("结果维持", 1, 2), new("结果纠正", 1, 2), new("其他结果", 1, 2), new("尚未审结", 1, 2), new("总计", 1, 2), new("未经复议直接起诉", 5), new("复议后起诉", 5)],
        [new("结果维持"), new("结果纠正"), new("其他结果"), new("尚未审结"), new("总计"), new("结果维持"), new("结果纠正"), new("其他结果"), new("尚未审结"), new("总计")],
        report.Review.Select(f => new GridCell(f)).ToList(),
    ];

    public static List<List<GridCell>> Proactive(TemplateReport report)
    {
        var rows = new List<List<GridCell>>();
        foreach (var (item, columns, body) in report.Proactive)
        {
            rows.Add([new(item, 4)]);
            rows.Add(columns.Select((c, i) => new GridCell(c, i == columns.Length - 1 ? 5 - columns.Length : 1)).ToList());
            foreach (var (label, figures) in body)
                rows.Add([new(label), .. figures.Select((f, i) => new GridCell(f, i == figures.Length - 1 ? 4 - figures.Length : 1))]);
        }
        return rows;
    }
}
