using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Pipeline.Core.Tests.Formats;

namespace Pipeline.Core.Tests.Statistics;

/// <summary>The template report as a Word document: its tables with merged cells (gridSpan, vMerge restart/continue), as the official form is.</summary>
public static class TemplateDocx
{
    public static byte[] Build(TemplateReport report)
    {
        var body = new Body();
        body.Append(FormatDocx.Para(TemplateReport.Title, size: 36, bold: true, center: true));
        body.Append(FormatDocx.Para("一、总体情况", bold: true));
        body.Append(FormatDocx.Para("2023年，本机关认真贯彻《中华人民共和国政府信息公开条例》，全面推进政务公开工作。", indent: true));
        body.Append(FormatDocx.Para("二、主动公开政府信息情况", bold: true));
        body.Append(Table(TemplateGrid.Proactive(report)));
        body.Append(FormatDocx.Para("三、收到和处理政府信息公开申请情况", bold: true));
        body.Append(FormatDocx.Para(report.Statement, indent: true));
        body.Append(Table(TemplateGrid.Applications(report)));
        body.Append(FormatDocx.Para("四、政府信息公开行政复议、行政诉讼情况", bold: true));
        body.Append(Table(TemplateGrid.Review(report)));
        body.Append(FormatDocx.Para("五、存在的主要问题及改进情况", bold: true));
        body.Append(FormatDocx.Para("政策解读形式仍较单一，下一步将推行图解和视频解读。", indent: true));
        body.Append(FormatDocx.Para("六、其他需要报告的事项", bold: true));
        body.Append(FormatDocx.Para("本年度未收取信息处理费。", indent: true));
        body.Append(FormatDocx.Para("青岚县人民政府办公室", right: true));
        body.Append(FormatDocx.Para("2024年1月20日", right: true));
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(body);
            main.Document.Save();
        }
        return ms.ToArray();
    }

    /// <summary>A grid with spans as Word stores it: a row-spanning cell restarts a vertical merge, the rows below it continue it.</summary>
    private static Table Table(List<List<GridCell>> rows)
    {
        var table = new Table(new TableProperties(new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        var below = new Dictionary<(int Row, int Column), int>(); // positions a merge from above covers → its column span
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new TableRow();
            var column = 0;
            var queue = new Queue<GridCell>(rows[r]);
            while (queue.Count > 0 || below.Keys.Any(k => k.Row == r && k.Column >= column))
            {
                if (below.TryGetValue((r, column), out var span))
                {
                    row.Append(Cell(null, span, merge: MergedCellValues.Continue));
                    column += span;
                    continue;
                }
                if (queue.Count == 0) break;
                var cell = queue.Dequeue();
                row.Append(Cell(cell.Text, cell.ColSpan, cell.RowSpan > 1 ? MergedCellValues.Restart : null));
                for (var dr = 1; dr < cell.RowSpan; dr++) below[(r + dr, column)] = cell.ColSpan;
                column += cell.ColSpan;
            }
            table.Append(row);
        }
        return table;
    }

    private static TableCell Cell(string? text, int span, MergedCellValues? merge)
    {
        var properties = new TableCellProperties();
        if (span > 1) properties.Append(new GridSpan { Val = span });
        if (merge is { } m) properties.Append(new VerticalMerge { Val = m });
        return new TableCell(properties, new Paragraph(new Run(new Text(text ?? "") { Space = SpaceProcessingModeValues.Preserve })));
    }
}
