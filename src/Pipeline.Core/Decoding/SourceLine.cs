using Pipeline.Core.Model;

namespace Pipeline.Core.Decoding;

/// <summary>
/// One line of the decoded input with its 1-based line number in the original file, so every later pass
/// (cleaning, parsing, validation) can say where something is. A line that stands for a real table (from a .docx)
/// carries it in <see cref="Table"/> and has the table's text flattened into <see cref="Text"/> for scanning.
/// </summary>
public readonly record struct SourceLine(int Number, string Text, Table? Table = null)
{
    public bool IsTable => Table is not null;

    /// <summary>
    /// A heading level the source's own format states (1 for markdown "#", 2 for "##"…; HTML h1–h6), 0 when it
    /// states none. The parser decides what it means for the outline.
    /// </summary>
    public int MarkedHeadingLevel { get; init; }
}

/// <summary>The outcome of decoding one upload: lines of text, or the reason it is not a report we can read.</summary>
public sealed record DecodeResult(
    bool Success,
    IReadOnlyList<SourceLine> Lines,
    string? EncodingName,
    DecodeFailure? Failure)
{
    public static DecodeResult Ok(IReadOnlyList<SourceLine> lines, string encodingName) => new(true, lines, encodingName, null);
    public static DecodeResult Fail(DecodeFailure failure) => new(false, [], null, failure);
}

/// <summary>
/// Why a file could not be decoded. <see cref="Code"/> is the finding code; <see cref="LooksLike"/> names the format.
/// A decoder that knows exactly what to tell the clerk (a scanned PDF, a legacy .doc) gives the whole <see cref="Finding"/>.
/// </summary>
public sealed record DecodeFailure(string Code, string? LooksLike = null, string? LooksLikeZh = null, string? Detail = null, Model.Finding? Finding = null)
{
    public static DecodeFailure Of(Model.Finding finding) => new(finding.Code, Finding: finding);
}
