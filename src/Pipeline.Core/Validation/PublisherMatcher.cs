namespace Pipeline.Core.Validation;

/// <summary>
/// Decides whether the publisher a document names is the uploading agency: the registered name or an alias, or an
/// obvious short form of it — the same name without its place prefix or generic suffix (北景港镇 for
/// 华容县北景港镇人民政府). A different agency that merely shares a place name (华容县 for 华容县北景港镇人民政府)
/// does not match.
/// </summary>
public static class PublisherMatcher
{
    // Longest first, so 人民政府 is stripped rather than just 政府.
    private static readonly string[] GenericSuffixes = ["人民政府办公室", "人民政府", "政府办公室", "政府", "办公室"];

    public static bool Matches(string documentPublisher, AgencyContext agency)
    {
        var written = Compact(documentPublisher);
        if (written.Length == 0) return true;
        foreach (var name in agency.Aliases.Prepend(agency.PublisherName))
        {
            var known = Compact(name);
            if (known.Length == 0) continue;
            if (written == known) return true;
            var (writtenCore, knownCore) = (Core(written), Core(known));
            if (writtenCore.Length < 2 || knownCore.Length < 2) continue;
            // Same name with or without a leading place prefix (湖南省华容县… vs 华容县…, 北景港镇 vs 华容县北景港镇).
            if (knownCore.EndsWith(writtenCore, StringComparison.Ordinal) || writtenCore.EndsWith(knownCore, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>Whether two names a document gives (title, signature, header) stand for the same body, by the same rule.</summary>
    public static bool SameBody(string a, string b) =>
        Matches(a, new AgencyContext("", b, [], null)) || Metadata.PublisherInference.IsAbbreviationOf(a, b) || Metadata.PublisherInference.IsAbbreviationOf(b, a);

    private static string Compact(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private static string Core(string name)
    {
        foreach (var suffix in GenericSuffixes)
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
                return name[..^suffix.Length];
        return name;
    }
}
