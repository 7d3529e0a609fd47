using System.Globalization;
using System.Text;

namespace Pipeline.Site.Reports;

/// <summary>
/// The uploaded file as the report page offers it for download (政府信息公开条例 第二十四条: disclosed information can be
/// searched, viewed and downloaded): its name as uploaded, its format, its size, the site path it is published at
/// (beside the page, "original" plus its extension, so the URL stays ASCII) and the headers it is served with.
/// </summary>
/// <param name="FileName">The name the agency uploaded it under (kept in Content-Disposition, Chinese included).</param>
/// <param name="Extension">".pdf", ".docx", ".html" or ".txt", from what the decoder found (not from the name).</param>
/// <param name="Size">Bytes.</param>
/// <param name="Charset">For a text upload, the encoding it was decoded from (utf-8, gb18030, utf-16le…).</param>
public sealed record OriginalFile(string FileName, string Extension, long Size, string? Charset = null)
{
    /// <summary>The original for a decoded upload, from the decoder's encoding name ("pdf", "docx", "html/…", a text encoding).</summary>
    public static OriginalFile ForUpload(string fileName, long size, string? encodingName)
    {
        var extension = encodingName switch
        {
            "pdf" => ".pdf",
            "docx" => ".docx",
            { } e when e.StartsWith("html/", StringComparison.Ordinal) => ".html",
            _ => ".txt",
        };
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var charset = extension == ".txt" ? encodingName switch { "gb18030" => "gb18030", "utf-16le" => "utf-16le", "utf-16be" => "utf-16be", _ => "utf-8" } : null;
        return new OriginalFile(string.IsNullOrWhiteSpace(name) ? "report" + extension : name, extension, size, charset);
    }

    /// <summary>Shown on the page: PDF, Word, 网页, 文本.</summary>
    public string Format => Extension switch
    {
        ".pdf" => "PDF",
        ".docx" => "Word",
        ".html" => "网页",
        _ => "文本",
    };

    /// <summary>
    /// The Content-Type it is served with. A web page is served as a download of bytes, never as text/html: a page
    /// from an upload must not run its scripts on the site's own origin.
    /// </summary>
    public string ContentType => Extension switch
    {
        ".pdf" => "application/pdf",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".html" => "application/octet-stream",
        _ => "text/plain; charset=" + (Charset ?? "utf-8"),
    };

    /// <summary>Path in the site beside the report page (reports/&lt;slug&gt;/original.pdf).</summary>
    public string SitePath(string slug) => SiteUrls.Report(slug).TrimStart('/') + "original" + Extension;

    /// <summary>Every path an original of a report may have been published at (a withdrawal removes them all).</summary>
    public static IEnumerable<string> AllSitePaths(string slug) =>
        new[] { ".pdf", ".docx", ".html", ".txt" }.Select(e => new OriginalFile("x", e, 0).SitePath(slug));

    /// <summary>
    /// attachment; filename="ASCII fallback"; filename*=UTF-8''percent-encoded (RFC 6266 with RFC 5987), so browsers
    /// save it under its Chinese name and old clients still get a usable one.
    /// </summary>
    public string ContentDisposition
    {
        get
        {
            var fallback = new StringBuilder();
            foreach (var c in FileName) fallback.Append(c is >= ' ' and < '\u007F' and not '"' and not '\\' ? c : '_');
            var encoded = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(FileName))
            {
                var c = (char)b;
                if (char.IsAsciiLetterOrDigit(c) || "!#$&+-.^_`|~".Contains(c)) encoded.Append(c);
                else encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return $"attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}";
        }
    }

    /// <summary>Size for people: 356 KB, 1.2 MB.</summary>
    public string SizeText => Size >= 1024 * 1024
        ? (Size / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : Math.Max(1, (Size + 1023) / 1024).ToString(CultureInfo.InvariantCulture) + " KB";
}
