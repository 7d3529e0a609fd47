using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pipeline.Site.Search;

/// <summary>
/// Tokenisation shared with <c>search.js</c> (keep the two in step). Text is NFKC-normalised; Han characters give
/// unigrams and bigrams of adjacent characters (Chinese has no spaces: 政务公开 is found inside 深化政务公开促进);
/// runs of ASCII letters/digits give lowercase words; everything else separates.
/// </summary>
public static class SearchTokenizer
{
    // Inlined: called twice per character of every report's search text (the Native AOT build of build-site called it
    // as a function, 3 % of the rebuild's CPU time; docs/benchmarks.md "Site", issue 14 round 3).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHan(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c);

    /// <summary>Adds the terms a document's text is indexed under.</summary>
    public static void AddIndexTerms(string? text, ISet<string> terms)
    {
        if (string.IsNullOrEmpty(text)) return;
        Scan(Normalize(text), terms, forQuery: false);
    }

    /// <summary>
    /// Adds the hashes (<see cref="Hash(string)"/>) of the terms <see cref="AddIndexTerms"/> would add, without
    /// allocating a string per term: indexing a large site tokenises millions of terms.
    /// </summary>
    /// <param name="maxTerms">Stop once <paramref name="hashes"/> holds this many (the first terms in text order are kept).</param>
    public static void AddIndexTermHashes(string? text, TermHashSet hashes, int maxTerms = int.MaxValue)
    {
        if (string.IsNullOrEmpty(text)) return;
        var normalized = Normalize(text).AsSpan();
        var i = 0;
        while (i < normalized.Length && hashes.Count < maxTerms)
        {
            var c = normalized[i];
            if (IsHan(c))
            {
                var unigram = Step(OffsetBasis, c);
                hashes.Add(unigram);
                if (i + 1 < normalized.Length && IsHan(normalized[i + 1])) hashes.Add(Step(unigram, normalized[i + 1]));
                i++;
            }
            else if (IsWordChar(c))
            {
                var hash = OffsetBasis;
                while (i < normalized.Length && IsWordChar(normalized[i])) hash = Step(hash, char.ToLowerInvariant(normalized[i++]));
                hashes.Add(hash);
            }
            else
            {
                i++;
            }
        }
    }

    private const uint OffsetBasis = 2166136261u;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Step(uint hash, char c) => (hash ^ c) * 16777619u;

    /// <summary>The terms a query needs (all of them must match): bigrams of each Han run, a lone Han character, words.</summary>
    public static IReadOnlyList<string> QueryTerms(string? query)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(query)) return terms;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new OrderedCollector(terms, seen);
        Scan(Normalize(query), list, forQuery: true);
        return terms;
    }

    private static string Normalize(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text; // invalid surrogates: index the text as is
        }
    }

    private static void Scan(string text, ICollection<string> terms, bool forQuery)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsHan(c))
            {
                var start = i;
                while (i < text.Length && IsHan(text[i])) i++;
                var run = text.AsSpan(start, i - start);
                if (run.Length == 1 || !forQuery)
                    foreach (var ch in run) terms.Add(ch.ToString());
                for (var k = 0; k + 1 < run.Length; k++) terms.Add(new string(run.Slice(k, 2)));
            }
            else if (IsWordChar(c))
            {
                var start = i;
                while (i < text.Length && IsWordChar(text[i])) i++;
                terms.Add(text.Substring(start, i - start).ToLowerInvariant());
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>FNV-1a over UTF-16 code units (search.js computes the same with Math.imul).</summary>
    public static uint Hash(string term)
    {
        var hash = OffsetBasis;
        foreach (var c in term) hash = Step(hash, c);
        return hash;
    }

    private sealed class OrderedCollector(List<string> list, HashSet<string> seen) : ICollection<string>
    {
        public void Add(string item)
        {
            if (seen.Add(item)) list.Add(item);
        }
        public int Count => list.Count;
        public bool IsReadOnly => false;
        public void Clear() => list.Clear();
        public bool Contains(string item) => seen.Contains(item);
        public void CopyTo(string[] array, int arrayIndex) => list.CopyTo(array, arrayIndex);
        public bool Remove(string item) => throw new NotSupportedException();
        public IEnumerator<string> GetEnumerator() => list.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => list.GetEnumerator();
    }
}
