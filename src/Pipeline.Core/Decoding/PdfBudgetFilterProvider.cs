using System.IO.Compression;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Pipeline.Core.Decoding;

/// <summary>
/// PdfPig's filters, each wrapped so every decoded stream is charged to the file's <see cref="PdfBudget"/>. A Flate
/// stream is first inflated into a small scratch buffer and counted, so a bomb is refused before PdfPig allocates its
/// output; other filters (LZW, run-length, ASCII) are charged after they run, their expansion being bounded by the input.
/// </summary>
internal sealed class PdfBudgetFilterProvider(PdfBudget budget) : IFilterProvider
{
    private readonly IFilterProvider _inner = DefaultFilterProvider.Instance;

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(_inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(_inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(_inner.GetAllFilters());

    private IFilter[] Wrap(IReadOnlyList<IFilter> filters) => filters.Select(f => (IFilter)new BudgetedFilter(f, budget)).ToArray();

    private sealed class BudgetedFilter(IFilter inner, PdfBudget budget) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            budget.CheckTime();
            var content = IsContentStream(streamDictionary);
            if (inner is FlateFilter)
            {
                var length = InflatedLength(input, Math.Min(budget.RemainingBytes, content ? budget.MaxContentStreamBytes : long.MaxValue) + 1);
                CheckContent(content, length);
                budget.Spend(length);
                return inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            }
            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            CheckContent(content, output.Length);
            budget.Spend(output.Length);
            return output;
        }

        private void CheckContent(bool content, long length)
        {
            if (content && length > budget.MaxContentStreamBytes)
                throw new PdfLimitExceededException($"a page content stream inflates to more than {budget.MaxContentStreamBytes / (1024 * 1024)} MB");
        }

        /// <summary>
        /// Page content and form streams carry no /Type, no font lengths and no /Subtype other than /Form; fonts,
        /// images, metadata, object and cross-reference streams do.
        /// </summary>
        private static bool IsContentStream(DictionaryToken dictionary)
        {
            if (dictionary.ContainsKey(NameToken.Type) || dictionary.ContainsKey(NameToken.Length1) || dictionary.ContainsKey(NameToken.Length2)
                || dictionary.ContainsKey(NameToken.Create("Length3"))) return false;
            return !dictionary.TryGet(NameToken.Subtype, out var subtype) || subtype is NameToken { Data: "Form" };
        }

        /// <summary>How many bytes the zlib stream inflates to, counting at most <paramref name="cap"/> (nothing is kept).</summary>
        private static long InflatedLength(Memory<byte> input, long cap)
        {
            if (input.Length < 3) return 0;
            // PdfPig skips the two-byte zlib header and inflates the raw deflate data; count the same way.
            using var source = new MemoryStream(input[2..].ToArray(), writable: false);
            using var inflater = new DeflateStream(source, CompressionMode.Decompress);
            var scratch = new byte[64 * 1024];
            long total = 0;
            try
            {
                int read;
                while (total <= cap && (read = inflater.Read(scratch, 0, scratch.Length)) > 0) total += read;
            }
            catch (InvalidDataException)
            {
                // Damaged data: PdfPig decides what to do with it; what inflated so far is what it will get at most.
            }
            return total;
        }
    }
}
