using System.Globalization;
using System.Text;

namespace Pipeline.Stages.Portal;

/// <summary>
/// What the portal accepts before it issues an upload URL, and what it tells the browser to check first: the
/// pipeline's own size limit (<see cref="PipelineOptions.MaxUploadBytes"/>) and the file types the pipeline reads
/// (text, web pages, PDF with a text layer, Word .docx; everything else is rejected by validation as legacy-format or
/// undecodable, so refusing it here only saves the clerk a round trip). One source: the page gets both from /me.
/// </summary>
public sealed record UploadRules(long MaxBytes, IReadOnlyList<string> Extensions)
{
    /// <summary>The extensions of the formats <c>TextDecoder</c> reads (it dispatches on content; these are their names).</summary>
    public static readonly IReadOnlyList<string> ReadableExtensions = [".docx", ".pdf", ".txt", ".html", ".htm", ".md"];

    public const int MaxFileNameLength = 200;

    public static UploadRules From(PipelineOptions options) => new(options.MaxUploadBytes, ReadableExtensions);

    /// <summary>
    /// The name the upload gets under incoming/&lt;agency&gt;/: the last segment of what the browser sent, with path and
    /// URL characters, control characters and leading/trailing dots and spaces replaced or trimmed; null when nothing
    /// usable is left. Chinese names stay as they are.
    /// </summary>
    public static string? SafeFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var last = name.Replace('\\', '/').Split('/').Last().Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(last.Length);
        foreach (var c in last)
            builder.Append(char.IsControl(c) || c is '?' or '#' or '%' or '"' or '<' or '>' or '|' or ':' or '*' || char.GetUnicodeCategory(c) is UnicodeCategory.Format ? '_' : c);
        var safe = builder.ToString().Trim().Trim('.').Trim();
        if (safe.Length == 0 || safe is "." or "..") return null;
        if (safe.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(safe);
            safe = safe[..(MaxFileNameLength - extension.Length)] + extension;
        }
        return safe;
    }

    public bool ExtensionAllowed(string fileName) =>
        Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant(), StringComparer.Ordinal);
}
