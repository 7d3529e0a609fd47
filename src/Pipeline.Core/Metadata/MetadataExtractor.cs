using Pipeline.Core.Decoding;
using Pipeline.Core.Cleaning;
using Pipeline.Core.Model;
using Pipeline.Core.Parsing;

namespace Pipeline.Core.Metadata;

/// <summary>
/// Resolves the index metadata, recording where each value came from. Order of sources: the document's own header
/// block, then the caller's context (the uploading agency), then inference from the body (signature organisation and
/// date, the page's 时间: line), then configured defaults. GeneratedDate may be inferred from the signature date;
/// ReleaseDate only from an explicit 公开日期/发布日期 header or 时间: line. A written date that is not a real date
/// keeps its raw text and no value, so validation can point at it.
/// </summary>
public static class MetadataExtractor
{
    public static ReportMetadata Extract(HeaderBlock header, ParseResult parsed, CleanResult cleaned, IReadOnlyList<SourceLine> lines, AgencyContext? agency, AnalysisOptions options, int maxYear, string? fileName = null)
    {
        var signature = parsed.Document.Signature;
        var candidates = PublisherCandidates(header, parsed, cleaned.PageSources, TitleFromFileName(fileName));
        var pageDates = cleaned.PageDates;
        return new ReportMetadata
        {
            IndexCode = FromHeader(header, HeaderKey.IndexCode) is { } code
                ? new MetadataValue<string>(IndexCode.Normalize(code.Value), MetadataSource.Document, code.Value)
                : MetadataValue<string>.Missing,
            Publisher = ResolvePublisher(candidates, agency),
            PublisherCandidates = candidates,
            GeneratedDate = FromHeader(header, HeaderKey.GeneratedDate) is { } generated
                ? HeaderDate(generated, maxYear)
                : signature is { Date: { } signedDate } && signedDate.Year >= DateText.MinYear && signedDate.Year <= maxYear
                    ? new MetadataValue<DateOnly?>(signedDate, MetadataSource.Inferred, signature.DateText)
                    : MetadataValue<DateOnly?>.Missing,
            ReleaseDate = FromHeader(header, HeaderKey.ReleaseDate) is { } released
                ? HeaderDate(released, maxYear)
                : PageReleaseDate(pageDates, maxYear),
            Title = FromHeader(header, HeaderKey.Title) is { } titleField
                ? new MetadataValue<string>(titleField.Value, MetadataSource.Document, titleField.Value)
                : parsed.Document.Title is { } title ? new MetadataValue<string>(title, MetadataSource.Document, title)
                : TitleFromFileName(fileName) is { } named ? new MetadataValue<string>(named, MetadataSource.Inferred, fileName) : MetadataValue<string>.Missing,
        }.WithScope(PublicScopes.Resolve(header, options.DefaultPublicScope, lines));
    }

    /// <summary>The scope that decides publication: <see cref="PublicScopes.Resolve"/>, which fails closed over every scope field.</summary>
    private static ReportMetadata WithScope(this ReportMetadata metadata, ScopeDecision scope) =>
        metadata with { PublicScope = scope.Written, PublicScopeNormalized = scope.Normalized };

    private static HeaderField? FromHeader(HeaderBlock header, HeaderKey key)
    {
        foreach (var field in header.Fields)
            if (field.Key == key && field.Value.Length > 0) return field;
        return null;
    }

    private static MetadataValue<DateOnly?> HeaderDate(HeaderField field, int maxYear)
    {
        var value = DateText.TryParseWhole(field.Value, out var parts) || DateText.TryFind(field.Value, out parts, out _, out _)
            ? DateText.ToDate(parts, maxYear)
            : null;
        return new MetadataValue<DateOnly?>(value, MetadataSource.Document, field.Value);
    }

    /// <summary>
    /// A record a crawler saved under the document's title ("行政处罚信息公示表(江金罚决字〔2025〕12-15号).txt") has no title
    /// line: the file name is the title when it reads as one (Chinese words, not a number or a hash).
    /// </summary>
    private static string? TitleFromFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return null;
        var stem = Path.GetFileNameWithoutExtension(fileName).Trim();
        var han = stem.Count(c => c is >= '\u4E00' and <= '\u9FFF');
        return han >= 6 && han * 2 >= stem.Length ? stem : null;
    }

    /// <summary>
    /// The page's first 时间:/发布时间: line. One that is written but is no real date (2099-01-01, 2019-02-30) keeps
    /// its text and no value: validation rejects it rather than letting the report go live "now" (fail closed).
    /// </summary>
    private static MetadataValue<DateOnly?> PageReleaseDate(IReadOnlyList<PageDate> pageDates, int maxYear)
    {
        if (pageDates.Count == 0) return MetadataValue<DateOnly?>.Missing;
        var first = pageDates[0];
        var date = DateText.TryParseWhole(first.DateText, out var parts) ? DateText.ToDate(parts, maxYear) : null;
        return new MetadataValue<DateOnly?>(date, MetadataSource.Inferred, first.DateText);
    }

    /// <summary>Every name of the publisher the document gives, strongest first: header, title, signature, 来源 line.</summary>
    private static IReadOnlyList<PublisherCandidate> PublisherCandidates(HeaderBlock header, ParseResult parsed, IReadOnlyList<PageSource> pageSources, string? fileNameTitle)
    {
        var candidates = new List<PublisherCandidate>();
        if (FromHeader(header, HeaderKey.Publisher) is { } publisher)
            candidates.Add(new PublisherCandidate(publisher.Value, "header", publisher.LineNumber));
        var title = FromHeader(header, HeaderKey.Title)?.Value ?? parsed.Document.Title ?? fileNameTitle;
        if (PublisherInference.FromTitle(title) is { } fromTitle)
            candidates.Add(new PublisherCandidate(fromTitle, "title", parsed.TitleLine));
        if (parsed.Document.Signature is { Organisations.Count: > 0 } signature)
            candidates.Add(new PublisherCandidate(signature.Organisations[^1], "signature", parsed.SignatureLine));
        if (FromHeader(header, HeaderKey.Source) is { } source && BlockParser.IsOrganisation(source.Value))
            candidates.Add(new PublisherCandidate(source.Value, "source-line", source.LineNumber));
        foreach (var pageSource in pageSources)
            candidates.Add(new PublisherCandidate(pageSource.Name, "source-line", pageSource.LineNumber));
        return candidates;
    }

    /// <summary>The header's 发布机构, else the uploading agency's registered name, else the best inferred name.</summary>
    private static MetadataValue<string> ResolvePublisher(IReadOnlyList<PublisherCandidate> candidates, AgencyContext? agency)
    {
        if (candidates.Count > 0 && candidates[0].From == "header")
            return new MetadataValue<string>(candidates[0].Name, MetadataSource.Document, candidates[0].Name);
        if (agency is not null && !string.IsNullOrWhiteSpace(agency.PublisherName))
            return new MetadataValue<string>(agency.PublisherName, MetadataSource.Context);
        if (candidates.Count > 0)
        {
            // A title that abbreviates the body (某县文广新局) or names only its place (东陵市) yields to the full name the signature gives.
            var best = candidates[0];
            foreach (var other in candidates.Skip(1))
                if (PublisherInference.IsFullNameOf(best.Name, other.Name)) best = other;
            return new MetadataValue<string>(best.Name, MetadataSource.Inferred, best.Name);
        }
        return MetadataValue<string>.Missing;
    }
}
