using System.Runtime.CompilerServices;

namespace Pipeline.Site.Search;

/// <summary>
/// Sorted local document ids (0-based within a segment) for one term, body and title separately. A value held inside
/// the segment's dictionary entry (reached by ref), so appending a posting touches the entry and one array: a rebuild
/// appends ~20 million postings into ~100,000 lists in no cache-friendly order, and with a class holding two
/// <see cref="List{T}"/>s each append chased three objects and the lists' growth zeroed memory it then overwrote.
/// </summary>
internal struct Postings
{
    public PostingList Body;
    public PostingList Title;
}

/// <summary>A growable, sorted, duplicate-free array of document ids (mutable value: use it through a ref).</summary>
internal struct PostingList
{
    private int[]? _ids;

    public int Count { readonly get; private set; }

    public readonly ReadOnlySpan<int> Ids => _ids is null ? [] : _ids.AsSpan(0, Count);

    /// <summary>The ids as a run for <see cref="PostingListCodec"/>.</summary>
    public readonly PostingRun<int> Run => new(_ids ?? [], 0, Count);

    /// <summary>The last (largest) id; 0 when empty.</summary>
    public readonly int Last => Count == 0 ? 0 : _ids![Count - 1];

    /// <summary>Adds an id, keeping the list sorted and duplicate-free; documents usually arrive in increasing order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(int id)
    {
        if (Count > 0 && _ids![Count - 1] >= id)
        {
            Insert(id);
            return;
        }
        if (_ids is null || Count == _ids.Length) Grow();
        _ids![Count++] = id;
    }

    private void Insert(int id)
    {
        var at = Ids.BinarySearch(id);
        if (at >= 0) return;
        at = ~at;
        if (Count == _ids!.Length) Grow();
        Array.Copy(_ids!, at, _ids!, at + 1, Count - at);
        _ids![at] = id;
        Count++;
    }

    private void Grow()
    {
        // Every slot is written before it is read (Count bounds every read), so the new array need not be zeroed.
        var grown = GC.AllocateUninitializedArray<int>(_ids is null ? 4 : _ids.Length * 2);
        if (_ids is not null) _ids.AsSpan(0, Count).CopyTo(grown);
        _ids = grown;
    }

    /// <summary>Removes the given ids.</summary>
    public void RemoveAll(IReadOnlySet<int> ids)
    {
        if (_ids is null) return;
        var kept = 0;
        for (var i = 0; i < Count; i++)
            if (!ids.Contains(_ids[i])) _ids[kept++] = _ids[i];
        Count = kept;
    }
}
