using System.Numerics;

namespace Pipeline.Site.Search;

/// <summary>
/// The postings of one kind (body or title) of a run of documents, built in two passes over their term hashes: first
/// each term's document count (<see cref="Count"/>), then every id into its place in one flat array (<see cref="Fill"/>).
/// Appending ~18 million postings one by one into per-term growable lists behind a <see cref="Dictionary{TKey,TValue}"/>
/// was the largest item of the site build's profile (a dictionary entry, a bucket and a list array touched per posting,
/// in no cache-friendly order, plus the lists' regrowth); here a posting touches one 16-byte slot of an open-addressing
/// table and, in the second pass, one ushort of the flat array.
/// </summary>
internal sealed class PostingsTable
{
    private struct Slot
    {
        public uint Hash;
        /// <summary>Documents holding the term; 0 marks an empty slot.</summary>
        public int Count;
        /// <summary>Pass 2: where the next id goes in the flat array.</summary>
        public int Next;
        /// <summary>The last document counted/filled: a hash repeated within one document is counted once.</summary>
        public int LastDocument;
    }

    private Slot[] _slots;
    private int _shift;
    private int _terms;
    private ushort[] _ids = [];

    public PostingsTable(int expectedTerms)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, expectedTerms * 2));
        _slots = new Slot[size];
        _shift = 32 - BitOperations.Log2((uint)size);
    }

    public int Terms => _terms;

    /// <summary>Pass 1: counts document <paramref name="document"/> (a local id below <see cref="SearchLayout.MaxSegmentSize"/>, increasing from call to call) for each hash.</summary>
    public void Count(int document, ReadOnlySpan<uint> hashes)
    {
        foreach (var hash in hashes)
        {
            var mask = _slots.Length - 1;
            var i = (int)((hash * 0x9E3779B9u) >> _shift);
            while (_slots[i].Count != 0 && _slots[i].Hash != hash) i = (i + 1) & mask;
            ref var slot = ref _slots[i];
            if (slot.Count == 0)
            {
                slot.Hash = hash;
                slot.Count = 1;
                slot.LastDocument = document;
                if (++_terms * 2 > _slots.Length) Grow();
            }
            else if (slot.LastDocument != document)
            {
                slot.Count++;
                slot.LastDocument = document;
            }
        }
    }

    /// <summary>Between the passes: gives each term its range of the flat array.</summary>
    public void Seal()
    {
        var offset = 0;
        for (var i = 0; i < _slots.Length; i++)
        {
            ref var slot = ref _slots[i];
            if (slot.Count == 0) continue;
            slot.Next = offset;
            slot.LastDocument = -1;
            offset += slot.Count;
        }
        // Every slot is written in pass 2 before anything reads it.
        _ids = GC.AllocateUninitializedArray<ushort>(offset);
    }

    /// <summary>Pass 2: the same documents and hashes as <see cref="Count"/>, in the same order.</summary>
    public void Fill(int document, ReadOnlySpan<uint> hashes)
    {
        var ids = _ids;
        foreach (var hash in hashes)
        {
            var mask = _slots.Length - 1;
            var i = (int)((hash * 0x9E3779B9u) >> _shift);
            while (_slots[i].Hash != hash || _slots[i].Count == 0) i = (i + 1) & mask;
            ref var slot = ref _slots[i];
            if (slot.LastDocument == document) continue;
            slot.LastDocument = document;
            ids[slot.Next++] = (ushort)document;
        }
    }

    /// <summary>After pass 2: each term's hash and its run of ids (sorted when documents were passed in increasing order).</summary>
    public void CopyTo(Span<uint> hashes, Span<PostingRun<ushort>> runs)
    {
        var n = 0;
        foreach (var slot in _slots)
        {
            if (slot.Count == 0) continue;
            hashes[n] = slot.Hash;
            runs[n] = new PostingRun<ushort>(_ids, slot.Next - slot.Count, slot.Count);
            n++;
        }
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        _shift--;
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Count == 0) continue;
            var i = (int)((slot.Hash * 0x9E3779B9u) >> _shift);
            while (_slots[i].Count != 0) i = (i + 1) & mask;
            _slots[i] = slot;
        }
    }
}
