namespace Pipeline.Site.Catalog;

/// <summary>
/// The live ranks of a list, in rank order, as far as a run needs them: <see cref="Count"/> members in all, of which
/// <see cref="Ranks"/> are those from member index <see cref="Offset"/> on. A run that only appends needs the pages
/// from the list's last page on (its earlier pages do not change), so it knows the tail; a run that withdraws or
/// revises knows every member (offset 0).
/// </summary>
internal sealed record ListMembers(int Count, int Offset, IReadOnlyList<int> Ranks)
{
    public static ListMembers All(List<int> ranks) => new(ranks.Count, 0, ranks);

    /// <summary>The rank of member <paramref name="index"/> (at or after <see cref="Offset"/>).</summary>
    public int this[int index] => Ranks[Checked(index) - Offset];

    /// <summary>The members from index <paramref name="index"/> on (at or after <see cref="Offset"/>).</summary>
    public IEnumerable<int> From(int index) => Ranks.Skip(Checked(index) - Offset);

    private int Checked(int index) => index >= Offset ? index
        : throw new InvalidOperationException($"Member {index} of a list known from member {Offset} on: the run needs a page the catalog did not load.");
}
