namespace Pipeline.Core.Decoding;

/// <summary>
/// Bounds for reading a PDF, so a hostile file (inflate bomb, 100,000 objects, endless content) is rejected before it
/// costs much. Real reports have a few dozen pages, a few hundred objects and a few MB of decompressed streams.
/// </summary>
/// <param name="MaxPages">Most pages read; a longer PDF is rejected.</param>
/// <param name="MaxObjects">Most indirect objects (counted in the file before parsing and in the cross-reference table after).</param>
/// <param name="MaxDecompressedBytes">Most bytes all decoded streams together may inflate to.</param>
/// <param name="MaxDuration">Most wall time spent reading the file (checked between streams and pages).</param>
/// <param name="MaxLetters">Most glyphs laid out in all pages together.</param>
/// <param name="MaxContentStreamBytes">
/// Most bytes one page (or form) content stream may inflate to. PdfPig parses a content stream whole, allocating about
/// 40 bytes per byte of operators, and the time limit is checked only between streams; real pages need kilobytes.
/// </param>
public sealed record PdfLimits(int MaxPages, int MaxObjects, long MaxDecompressedBytes, TimeSpan MaxDuration, int MaxLetters = 2_000_000, long MaxContentStreamBytes = 4L * 1024 * 1024)
{
    public static PdfLimits Default { get; } = new(MaxPages: 500, MaxObjects: 50_000, MaxDecompressedBytes: 128L * 1024 * 1024, MaxDuration: TimeSpan.FromSeconds(30));
}
