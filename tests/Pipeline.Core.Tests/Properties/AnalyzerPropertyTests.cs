using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Pipeline.Core.Tests.Properties;

/// <summary>Whatever bytes arrive, Analyze returns a verdict and never throws.</summary>
public class AnalyzerPropertyTests
{
    private static readonly byte[][] Samples = TestFiles.AllSamples().Select(File.ReadAllBytes).ToArray();

    private static bool IsConsistentVerdict(ReportAnalysis analysis)
    {
        var v = analysis.Verdict;
        var ok = v.Accepted ? v.Errors.Count == 0 : v.Errors.Count > 0;
        return ok && (!v.Publishable || v.Accepted) && analysis.Document is not null && analysis.Metadata is not null
               && v.Errors.All(e => e.Code != "internal-error");
    }

    [Property(MaxTest = 300)]
    public bool Random_bytes_never_throw_and_always_give_a_verdict(byte[] bytes) =>
        IsConsistentVerdict(ReportAnalyzer.Analyze(bytes ?? [], "random.bin"));

    /// <summary>Samples with random bytes overwritten, inserted or cut: realistic damage to realistic input.</summary>
    public static Arbitrary<byte[]> MutatedSamples() =>
        (from sample in Gen.Elements(Samples)
         from edits in Gen.ListOf(Gen.Choose(0, 2).SelectMany(kind => Gen.Choose(0, int.MaxValue).SelectMany(pos => Gen.Choose(0, 255).Select(value => (kind, pos, value)))))
         select Mutate(sample, edits)).ToArbitrary();

    private static byte[] Mutate(byte[] sample, IEnumerable<(int Kind, int Position, int Value)> edits)
    {
        var bytes = new List<byte>(sample);
        foreach (var (kind, position, value) in edits.Take(40))
        {
            if (bytes.Count == 0) break;
            var at = position % bytes.Count;
            switch (kind)
            {
                case 0: bytes[at] = (byte)value; break;
                case 1: bytes.Insert(at, (byte)value); break;
                default: bytes.RemoveRange(at, Math.Min(value, bytes.Count - at)); break;
            }
        }
        return bytes.ToArray();
    }

    [Property(MaxTest = 150, Arbitrary = [typeof(AnalyzerPropertyTests)])]
    public bool Mutated_samples_never_throw_and_always_give_a_verdict(byte[] mutated) =>
        IsConsistentVerdict(ReportAnalyzer.Analyze(mutated, "mutated.txt", TestFiles.Beijinggang))
        && IsConsistentVerdict(ReportAnalyzer.Analyze(mutated, "mutated.txt", options: new AnalysisOptions { Privacy = PrivacyMode.PublishMasked }));

    [Property(MaxTest = 200)]
    public bool Random_text_never_throws(string text) =>
        IsConsistentVerdict(TestFiles.AnalyzeText(text ?? ""));
}
