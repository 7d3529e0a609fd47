using System.Numerics;
using System.Runtime.CompilerServices;

namespace Pipeline.Site.Search;

/// <summary>
/// The distinct term hashes of one document: open addressing over a power-of-two table of <see cref="uint"/>s, zero
/// marking an empty slot (the hash 0 itself is kept in a flag). Indexing tokenises every report into some ten thousand
/// terms of which a few thousand are distinct; <see cref="HashSet{T}"/> spent most of its time on its entry chains
/// and prime-modulo buckets, which FNV hashes (already well mixed) do not need.
/// </summary>
public sealed class TermHashSet
{
    private uint[] _slots;
    private int _shift;
    private int _stored;
    private bool _hasZero;

    /// <param name="expected">About how many distinct terms to expect (the table starts at twice that).</param>
    public TermHashSet(int expected = 64)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, expected * 2));
        _slots = new uint[size];
        _shift = 32 - BitOperations.Log2((uint)size);
    }

    public int Count => _stored + (_hasZero ? 1 : 0);

    /// <summary>Adds a hash; false when it was already there.</summary>
    // Inlined into the tokenizer's loop (some 20,000 calls per report).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(uint hash)
    {
        if (hash == 0)
        {
            if (_hasZero) return false;
            return _hasZero = true;
        }
        var mask = _slots.Length - 1;
        // Fibonacci hashing: the top bits of hash × 2^32/φ pick the slot.
        for (var i = (int)((hash * 0x9E3779B9u) >> _shift); ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == hash) return false;
            if (slot != 0) continue;
            _slots[i] = hash;
            if (++_stored * 2 > _slots.Length) Grow();
            return true;
        }
    }

    public bool Contains(uint hash)
    {
        if (hash == 0) return _hasZero;
        var mask = _slots.Length - 1;
        for (var i = (int)((hash * 0x9E3779B9u) >> _shift); ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == hash) return true;
            if (slot == 0) return false;
        }
    }

    /// <summary>Adds every hash of <paramref name="other"/>.</summary>
    public void UnionWith(TermHashSet other)
    {
        if (other._hasZero) _hasZero = true;
        foreach (var hash in other._slots)
            if (hash != 0) Add(hash);
    }

    /// <summary>The hashes, in no particular order.</summary>
    public uint[] ToArray()
    {
        var result = new uint[Count];
        var n = 0;
        if (_hasZero) result[n++] = 0;
        foreach (var hash in _slots)
            if (hash != 0) result[n++] = hash;
        return result;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new uint[old.Length * 2];
        _shift--;
        _stored = 0;
        foreach (var hash in old)
            if (hash != 0) Add(hash);
    }
}
