using System.Buffers;
using System.Text;

namespace Pipeline.Site.Search;

/// <summary>Sorted local document ids (0-based within a segment) for one term, body and title separately.</summary>
internal sealed class Postings
{
    public List<int> Body { get; } = [];
    public List<int> Title { get; } = [];
}
