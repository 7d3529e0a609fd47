using System.Security.Cryptography;
using Pipeline.Core.Cleaning;
using Pipeline.Core.Decoding;
using Pipeline.Core.Layout;
using Pipeline.Core.Metadata;
using Pipeline.Core.Model;
using Pipeline.Core.Parsing;
using Pipeline.Core.Privacy;
using Pipeline.Core.Statistics;
using Pipeline.Core.Validation;

namespace Pipeline.Core;

// The passes, in order: decode -> clean -> layout -> personal data -> header -> parse -> metadata -> validate.
// Each pass is its own class with its own tests; this file only wires them and guarantees nothing escapes.
public static partial class ReportAnalyzer
{
    private static ReportAnalysis AnalyzeCore(ReadOnlyMemory<byte> bytes, string fileName, AgencyContext? agency, AnalysisOptions options)
    {
        if (bytes.Length > options.MaxBytes) return TooLarge(fileName, bytes.Length, options);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        try
        {
            var maxYear = options.Clock.GetUtcNow().Year + 1;
            var decoded = TextDecoder.Decode(bytes.Span, options.DocxLimits, options.PdfLimits);
            if (!decoded.Success)
                return Rejected(fileName, hash, bytes.Length, null, DecodeFinding(decoded.Failure!));
            if (options.ContentLimits.Check(decoded.Lines) is { } tooMuch)
                return Rejected(fileName, hash, bytes.Length, decoded.EncodingName, DecodeFinding(tooMuch));

            var cleaned = LineCleaner.Clean(decoded.Lines);
            if (cleaned.Lines.Count == 0)
                return Rejected(fileName, hash, bytes.Length, decoded.EncodingName, Findings.EmptyAfterCleaning(cleaned.Removed.Count), cleaned.Removed);

            var personalData = new List<PersonalDataHit>();
            var laidOut = LayoutRecovery.Recover(cleaned.Lines);
            var lines = PersonalDataScanner.Scan(laidOut, mask: options.Privacy == PrivacyMode.PublishMasked, maxYear, personalData);
            var header = HeaderBlockReader.Read(lines);
            var parsed = BlockParser.Parse(header.BodyLines);
            var metadata = MetadataExtractor.Extract(header, parsed, cleaned, lines, agency, options, maxYear, fileName);
            parsed = parsed with { Document = parsed.Document with { Statistics = StatisticsReader.Read(parsed, metadata.Title.Value) } };
            var verdict = ReportValidator.Validate(new ValidationInput(lines, header, parsed, metadata, personalData, agency, options, maxYear));
            return new ReportAnalysis(fileName, hash, bytes.Length, decoded.EncodingName, parsed.Document, metadata, verdict, cleaned.Removed, personalData);
        }
        catch (Exception ex)
        {
            // Bad input must never take the pipeline down: whatever slipped through becomes a rejection.
            return Rejected(fileName, hash, bytes.Length, null, Findings.InternalError(ex.GetType().Name));
        }
    }

    private static Finding DecodeFinding(DecodeFailure failure) => failure.Finding ?? failure.Code switch
    {
        "empty" => Findings.Empty(),
        ContentLimits.TooMuchContentCode => Findings.TooMuchContent(failure.Detail),
        "not-text" => Findings.NotText(failure.LooksLike ?? "binary data", failure.LooksLikeZh ?? "二进制数据", failure.Detail),
        _ when failure.LooksLike is not null => Findings.DamagedWordDocument(failure.Detail),
        _ => Findings.Undecodable(failure.Detail),
    };

    private static ReportAnalysis Rejected(string fileName, string hash, long length, string? encoding, Finding error, IReadOnlyList<RemovedLine>? removed = null) =>
        new(fileName, hash, length, encoding, ReportDocument.Empty, new ReportMetadata(), new Verdict(false, false, [error], []), removed ?? [], []);

    private static ReportAnalysis TooLarge(string fileName, long seen, AnalysisOptions options) =>
        Rejected(fileName, "", seen, null, Findings.TooLarge(seen, options.MaxBytes));
}

internal static class BoundedReader
{
    public readonly record struct Result(ReadOnlyMemory<byte> Bytes, bool TooLarge, long BytesSeen);

    /// <summary>Reads at most <paramref name="maxBytes"/> + 1 bytes: one byte more than the limit proves the file too large.</summary>
    public static async Task<Result> ReadAsync(Stream stream, long maxBytes, CancellationToken ct)
    {
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
            return new Result(default, true, stream.Length - stream.Position);

        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > maxBytes) return new Result(default, true, total);
            ms.Write(buffer, 0, read);
        }
        return new Result(ms.GetBuffer().AsMemory(0, (int)ms.Length), false, total);
    }
}
