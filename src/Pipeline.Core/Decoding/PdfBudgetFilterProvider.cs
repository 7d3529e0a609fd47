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
            if (inner is FlateFilter)
            {
                budget.Spend(InflatedLength(input, budget.RemainingBytes + 1));
                return inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            }
            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            budget.Spend(output.Length);
            return output;
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
