using System.Security.Cryptography;
using Pipeline.Core.Model;

namespace Pipeline.Core;

// TEMPORARY minimal implementation so the other components can build against the contract.
// The core work (decoding, cleaning, parsing, metadata, validation) replaces this file.
public static partial class ReportAnalyzer
{
    private static ReportAnalysis AnalyzeCore(ReadOnlyMemory<byte> bytes, string fileName, AgencyContext? agency, AnalysisOptions options)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        var text = System.Text.Encoding.UTF8.GetString(bytes.Span).Replace("\r\n", "\n");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var title = lines.FirstOrDefault();
        var doc = new ReportDocument(title, lines.Skip(1).Select(l => (Block)new Paragraph(l)).ToList(), null);
        var meta = new ReportMetadata
        {
            Title = new(title, MetadataSource.Document),
            Publisher = agency is null ? MetadataValue<string>.Missing : new(agency.PublisherName, MetadataSource.Context),
            PublicScope = new(options.DefaultPublicScope, MetadataSource.Default),
            PublicScopeNormalized = PublicScope.Public,
        };
        var ok = lines.Length > 0;
        var errors = ok ? Array.Empty<Finding>() : [new Finding("empty", "文件为空。", "The file is empty.")];
        return new ReportAnalysis(fileName, hash, bytes.Length, "utf-8", doc, meta, new Verdict(ok, ok, errors, []), [], []);
    }

    private static ReportAnalysis TooLarge(string fileName, long seen, AnalysisOptions options) =>
        new(fileName, "", seen, null, ReportDocument.Empty, new ReportMetadata(),
            new Verdict(false, false, [new Finding("too-large", $"文件超过 {options.MaxBytes} 字节上限。", $"The file exceeds the {options.MaxBytes}-byte limit.")], []), [], []);
}

internal static class BoundedReader
{
    public readonly record struct Result(ReadOnlyMemory<byte> Bytes, bool TooLarge, long BytesSeen);

    public static async Task<Result> ReadAsync(Stream stream, long maxBytes, CancellationToken ct)
    {
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
        return new Result(ms.ToArray(), false, total);
    }
}
