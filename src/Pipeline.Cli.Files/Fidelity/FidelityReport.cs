namespace Pipeline.Cli.Fidelity;

/// <summary>One field of one document that the analyser read differently from the expected reading.</summary>
public sealed record FieldMiss(string Document, string Field, string? Found, string? Expected);

/// <summary>How often one field was read right over a set of documents.</summary>
public sealed record FieldAccuracy(string Field, int Right, int Scored)
{
    public double Accuracy => Scored == 0 ? 1 : (double)Right / Scored;
}

/// <summary>
/// The scorer's result over a folder: per-field accuracy, every miss, and the overall share of fields right. The
/// overall share counts one item per document field; statistics are scored per cell (dozens per report) and stand
/// apart, so they neither swamp nor flatter the document fields.
/// </summary>
public sealed record FidelityReport(int Documents, IReadOnlyList<FieldAccuracy> Fields, IReadOnlyList<FieldMiss> Misses)
{
    public int Right => Fields.Where(f => f.Field != StatisticsExpectation.Field).Sum(f => f.Right);
    public int Scored => Fields.Where(f => f.Field != StatisticsExpectation.Field).Sum(f => f.Scored);
    public double Accuracy => Scored == 0 ? 1 : (double)Right / Scored;
}
