using Pipeline.Core.Decoding;
using Pipeline.Core.Model;

namespace Pipeline.Core.Validation;

// Findings about the upload's file format (PDF, web page, legacy office files): what the clerk uploaded, why it cannot
// be read, and the menu path that turns it into a .docx or PDF the pipeline reads.
public static partial class Findings
{
    private const string SaveAsZh =
        "请用原编辑软件另存为 Word（.docx）或 PDF 后重新上传：WPS 文字中点击左上角“文件”→“另存为”，文件类型选“Microsoft Word 文件（*.docx）”，或“文件”→“输出为PDF”；" +
        "Microsoft Word 中点击“文件”→“另存为”→“浏览”，保存类型选“Word 文档（*.docx）”或“PDF（*.pdf）”。";

    private const string SaveAsEn =
        "Open it in the program that made it and save it as Word (.docx) or PDF, then upload that file: in WPS Writer, File (top left) → Save As, " +
        "file type \"Microsoft Word File (*.docx)\", or File → Export to PDF; in Microsoft Word, File → Save As → Browse, save as type \"Word Document (*.docx)\" or \"PDF (*.pdf)\".";

    /// <summary>A format the pipeline does not read (.doc, .wps, .rtf, spreadsheets, slides, archives), with how to convert it.</summary>
    public static Finding LegacyFormat(LegacyFormatKind kind)
    {
        var (zh, en, howZh, howEn) = kind switch
        {
            LegacyFormatKind.WordBinary => ("旧版 Word 或 WPS 文字文档（.doc/.wps）", "legacy Word or WPS Writer document (.doc/.wps)", SaveAsZh, SaveAsEn),
            LegacyFormatKind.Rtf => ("RTF 文档（.rtf）", "RTF document (.rtf)", SaveAsZh, SaveAsEn),
            LegacyFormatKind.OpenDocument => ("OpenDocument 文档（.odt）", "OpenDocument text (.odt)", SaveAsZh, SaveAsEn),
            LegacyFormatKind.Spreadsheet => ("电子表格（.xls/.xlsx/.et）", "spreadsheet (.xls/.xlsx/.et)",
                "报告应为完整的文档。请把统计表复制到报告的 Word 文档中，再另存为 .docx 或 PDF 上传；或在 WPS 表格中点击“文件”→“输出为PDF”，在 Excel 中点击“文件”→“另存为”，保存类型选“PDF（*.pdf）”。",
                "A report must be a whole document. Copy the statistics tables into the report's Word document and save that as .docx or PDF; or export the sheet: WPS Spreadsheets, File → Export to PDF; Excel, File → Save As, save as type \"PDF (*.pdf)\"."),
            LegacyFormatKind.Presentation => ("演示文稿（.ppt/.pptx/.dps）", "presentation (.ppt/.pptx/.dps)",
                "报告应为完整的文档，不是幻灯片。请上传报告的 Word（.docx）或 PDF 文件；如只有演示文稿，请在 WPS 演示中点击“文件”→“输出为PDF”，在 PowerPoint 中点击“文件”→“另存为”，保存类型选“PDF（*.pdf）”。",
                "A report must be a document, not slides. Upload the report's Word (.docx) or PDF file; if only the slides exist, export them: WPS Presentation, File → Export to PDF; PowerPoint, File → Save As, save as type \"PDF (*.pdf)\"."),
            LegacyFormatKind.Ofd => ("OFD 版式文档（.ofd）", "OFD fixed-layout document (.ofd)",
                "请上传报告的 Word（.docx）文件，或用 OFD 阅读器（如数科阅读器、WPS）打开后点击“文件”→“导出为PDF”/“另存为 PDF”，再上传 PDF。",
                "Upload the report's Word (.docx) file, or open the OFD in an OFD reader (e.g. Suwell Reader, WPS) and use File → Export to PDF, then upload the PDF."),
            _ => ("压缩包（ZIP/RAR/7z）", "archive (ZIP/RAR/7z)",
                "请解压后把每份报告分别上传，每份为一个 Word（.docx）或 PDF 文件。",
                "Extract it and upload each report by itself, as one Word (.docx) or PDF file."),
        };
        return new Finding("legacy-format", $"上传的文件是{zh}，系统无法直接读取。{howZh}", $"The uploaded file is a {en}, which the pipeline cannot read. {howEn}");
    }

    public static Finding PdfWithoutText(int pages, int images) => new("pdf-no-text",
        $"该 PDF 共 {pages} 页，没有可提取的文字（只有 {images} 张图片），应为扫描件，无法生成可检索、无障碍的网页。请上传报告的 Word（.docx）文件，或从 Word/WPS 直接导出的 PDF（“文件”→“输出为PDF”/“另存为 PDF”），不要打印后扫描。",
        $"This PDF ({pages} pages) has no text layer, only {images} images: it is a scan, so no searchable, accessible page can be made from it. Upload the report's Word (.docx) file, or a PDF exported from Word or WPS (File → Export to PDF / Save As PDF), not a scan of a printout.");

    public static Finding PdfEncrypted() => new("pdf-encrypted",
        "该 PDF 设置了打开密码，无法读取。请上传未加密的 PDF（在 WPS 或 Acrobat 中取消“文档加密”后重新导出），或上传 Word（.docx）文件。",
        "This PDF is protected with an open password and cannot be read. Upload an unencrypted PDF (remove the document encryption in WPS or Acrobat and export again) or the Word (.docx) file.");

    public static Finding PdfDamaged(string? detail) => new("undecodable",
        "PDF 文件已损坏或不完整，无法读取。请从 Word/WPS 重新导出 PDF 后上传，或上传 Word（.docx）文件。",
        $"The PDF is damaged or incomplete and cannot be read{(detail is null ? "" : $" ({detail})")}. Export it again from Word or WPS, or upload the Word (.docx) file.");

    public static Finding UnsafeFile(string formatEn, string formatZh, string detail) => new("unsafe-file",
        $"该{formatZh}超出安全处理范围（{detail}），疑似异常或恶意文件，未被处理。请从 Word/WPS 重新导出后上传。",
        $"This {formatEn} exceeds what can safely be processed ({detail}); it looks malformed or hostile and was not read. Export it again from Word or WPS and upload that file.");
}
