using System.Text.RegularExpressions;
using Pipeline.Core.Decoding;
using Pipeline.Core.Metadata;
using Pipeline.Core.Model;
using Pipeline.Core.Parsing;

namespace Pipeline.Core.Validation;

/// <summary>Everything validation looks at for one report.</summary>
public sealed record ValidationInput(
    IReadOnlyList<SourceLine> CleanedLines,
    HeaderBlock Header,
    ParseResult Parsed,
    ReportMetadata Metadata,
    IReadOnlyList<PersonalDataHit> PersonalData,
    AgencyContext? Agency,
    AnalysisOptions Options,
    int MaxYear);

/// <summary>
/// Turns an analysed report into a verdict. Errors reject the upload; warnings are shown to the agency. Accepted
/// reports are publishable unless their scope is not public or personal data is held for review.
/// </summary>
public static partial class ReportValidator
{
    public static Verdict Validate(ValidationInput input)
    {
        var errors = new List<Finding>();
        var warnings = new List<Finding>();

        CheckBundle(input, errors);
        CheckTitle(input, warnings);
        CheckIndexCode(input, errors, warnings);
        CheckDates(input, errors, warnings);
        CheckPublisher(input, errors);
        CheckPublisherSources(input, warnings);
        var scopeAllowsPublication = CheckScope(input, warnings);
        CheckTables(input, warnings);
        if (input.PersonalData.Count > 0) warnings.Add(Findings.PersonalData(input.PersonalData, input.Options.Privacy));

        var accepted = errors.Count == 0;
        var heldForPrivacy = input.PersonalData.Count > 0 && input.Options.Privacy == PrivacyMode.HoldForReview;
        return new Verdict(accepted, accepted && scopeAllowsPublication && !heldForPrivacy, errors, warnings);
    }

    /// <summary>篇一:/篇二:… markers, or several 文章属性 blocks, mean a page bundling different documents.</summary>
    private static void CheckBundle(ValidationInput input, List<Finding> errors)
    {
        var pieceLines = new List<int>();
        var attributeLines = new List<int>();
        foreach (var line in input.CleanedLines)
        {
            if (line.IsTable) continue;
            if (BundlePiece().IsMatch(line.Text)) pieceLines.Add(line.Number);
            else if (line.Text.StartsWith("文章属性", StringComparison.Ordinal)) attributeLines.Add(line.Number);
        }
        var evidence = pieceLines.Count >= 2 ? pieceLines : attributeLines.Count >= 2 ? attributeLines : null;
        if (evidence is not null) errors.Add(Findings.BundledDocuments(evidence.Count, evidence));
    }

    private static void CheckTitle(ValidationInput input, List<Finding> warnings)
    {
        if (!input.Metadata.Title.HasValue) warnings.Add(Findings.TitleMissing());
    }

    private static void CheckIndexCode(ValidationInput input, List<Finding> errors, List<Finding> warnings)
    {
        var code = input.Metadata.IndexCode;
        if (!code.HasValue)
        {
            warnings.Add(Findings.IndexCodeMissing());
            return;
        }
        var line = input.Header.First(HeaderKey.IndexCode)?.LineNumber;
        if (!IndexCode.TryParse(code.Value!, input.MaxYear, out var parts))
        {
            errors.Add(Findings.IndexCodeMalformed(code.Raw ?? code.Value!, line));
            return;
        }
        if (input.Agency?.OrganisationCode is { Length: > 0 } agencyCode && !IndexCode.SameOrganisation(parts.OrganisationCode, agencyCode))
            errors.Add(Findings.IndexCodeForeign(code.Raw ?? code.Value!, parts.OrganisationCode, agencyCode, line));
    }

    /// <summary>Header dates that are not real dates are errors; an impossible signature date is a warning.</summary>
    private static void CheckDates(ValidationInput input, List<Finding> errors, List<Finding> warnings)
    {
        CheckHeaderDate(input.Metadata.GeneratedDate, HeaderKey.GeneratedDate, "generation date (生成日期)", "生成日期");
        CheckHeaderDate(input.Metadata.ReleaseDate, HeaderKey.ReleaseDate, "release date (公开日期)", "公开日期");

        if (input.Parsed.Document.Signature is { DateText: { } signed } signature
            && (signature.Date is not { } date || DateText.ToDate(new DateParts(date.Year, date.Month, date.Day), input.MaxYear) is null))
            warnings.Add(Findings.DateInvalid("signature date", "落款日期", signed, input.Parsed.SignatureLine));

        // A release date read from the page's 时间: line counts too: written but unreadable never means "now".
        void CheckHeaderDate(MetadataValue<DateOnly?> value, HeaderKey key, string nameEn, string nameZh)
        {
            if (value.Source is MetadataSource.Document or MetadataSource.Inferred && value.Value is null && value.Raw is { } raw && (key == HeaderKey.ReleaseDate || value.Source == MetadataSource.Document))
                errors.Add(Findings.DateInvalid(nameEn, nameZh, raw, input.Header.First(key)?.LineNumber));
        }
    }

    private static void CheckPublisher(ValidationInput input, List<Finding> errors)
    {
        var publisher = input.Metadata.Publisher;
        if (input.Agency is null || publisher.Source != MetadataSource.Document || publisher.Value is null) return;
        if (!PublisherMatcher.Matches(publisher.Value, input.Agency))
            errors.Add(Findings.PublisherMismatch(publisher.Value, input.Agency.PublisherName, input.Header.First(HeaderKey.Publisher)?.LineNumber));
    }

    /// <summary>Names of the publisher that the document gives in different places and that are not one body: a finding, not a silent choice.</summary>
    private static void CheckPublisherSources(ValidationInput input, List<Finding> warnings)
    {
        var candidates = input.Metadata.PublisherCandidates;
        if (candidates.Count < 2) return;
        var chosen = candidates[0];
        foreach (var other in candidates.Skip(1))
        {
            if (PublisherMatcher.SameBody(other.Name, chosen.Name)) continue;
            warnings.Add(Findings.PublisherSourcesDiffer(chosen, other));
            return;
        }
    }

    /// <summary>
    /// Returns whether the scope allows publication on the public site. Fails closed: the report's metadata must say
    /// Public and so must <see cref="PublicScopes.Resolve"/> over every scope-bearing header field; a scope written but
    /// not clearly public is accepted, kept and never published, with a finding naming its line.
    /// </summary>
    private static bool CheckScope(ValidationInput input, List<Finding> warnings)
    {
        var decision = PublicScopes.Resolve(input.Header, input.Options.DefaultPublicScope, input.CleanedLines);
        var line = decision.Field?.LineNumber;
        if (decision.Written.Source == MetadataSource.Default) warnings.Add(Findings.PublicScopeMissing(input.Options.DefaultPublicScope));
        switch (decision.Reading)
        {
            case ScopeReading.NotPublic:
                warnings.Add(Findings.NotPublic(decision.Written.Value ?? "", line));
                return false;
            case ScopeReading.Empty or ScopeReading.Unclear or ScopeReading.ChannelOnly when decision.Field is not null:
                warnings.Add(Findings.PublicScopeUnrecognised(decision.Field.Value, line));
                return false;
        }
        if (input.Metadata.PublicScopeNormalized != PublicScope.Public || decision.Normalized != PublicScope.Public)
        {
            if (decision.Normalized == PublicScope.Public) warnings.Add(Findings.NotPublic(input.Metadata.PublicScope.Value ?? "", line));
            return false;
        }
        return true;
    }

    /// <summary>
    /// The national template's statistics tables are checked cell by cell (<see cref="StatisticsChecks"/>); the
    /// parent-equals-its-items check is kept for the free-form statistics tables of older reports only.
    /// </summary>
    private static void CheckTables(ValidationInput input, List<Finding> warnings)
    {
        var statistics = input.Parsed.Document.Statistics;
        warnings.AddRange(StatisticsChecks.Check(statistics, input.Metadata.Title.Value, input.CleanedLines));
        var templateTableLines = statistics?.Tables.SelectMany(t => t.Cells).Select(c => c.Source.Line).ToHashSet() ?? [];
        var blocks = input.Parsed.Document.Blocks;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not TableBlock table || templateTableLines.Contains(input.Parsed.BlockLines[i])) continue;
            foreach (var mismatch in TableTotals.Check(table.Table))
                warnings.Add(Findings.TableTotalMismatch(mismatch.ParentLabel, mismatch.ParentValue, mismatch.ChildSum, mismatch.ChildCount, input.Parsed.BlockLines[i]));
        }
    }

    [GeneratedRegex(@"^篇[一二三四五六七八九十]{1,3}\s*[:：]")]
    private static partial Regex BundlePiece();
}
