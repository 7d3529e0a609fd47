using System.Reflection;
using System.Text.RegularExpressions;
using Pipeline.Core.Model;
using Pipeline.Core.Timeliness;
using Pipeline.Core.Validation;

namespace Pipeline.Core.Tests.Validation;

/// <summary>
/// Chinese messages use Chinese punctuation (，：；（）“”): every Chinese finding message, built with sample arguments
/// through every public factory of <see cref="Findings"/>, and every Chinese message the stages show to agencies.
/// </summary>
public partial class ChinesePunctuationTests
{
    /// <summary>An ASCII , : ; ( ) or " touching a Han character.</summary>
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}[,:;()""]|[,:;()""]\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex AsciiPunctuationNextToHan();

    /// <summary>An ASCII , : ; ( ) between two Han characters (in source text, where English messages may quote a Chinese term).</summary>
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}[,:;()]\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex AsciiPunctuationBetweenHan();

    public static TheoryData<string> FindingFactories() =>
        new(typeof(Findings).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(Finding)).Select(m => m.Name).Distinct());

    [Theory]
    [MemberData(nameof(FindingFactories))]
    public void Every_chinese_finding_message_uses_chinese_punctuation(string factory)
    {
        var checkedMessages = 0;
        foreach (var method in typeof(Findings).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == factory && m.ReturnType == typeof(Finding)))
        foreach (var arguments in ArgumentSets(method.GetParameters()))
        {
            var finding = (Finding)method.Invoke(null, arguments)!;
            var match = AsciiPunctuationNextToHan().Match(finding.MessageZh);
            Assert.False(match.Success, $"{finding.Code}: ASCII \"{match.Value}\" in {finding.MessageZh}");
            checkedMessages++;
        }
        Assert.True(checkedMessages > 0);
    }

    [Fact]
    public void Stage_messages_shown_to_agencies_use_chinese_punctuation()
    {
        var root = Directory.GetParent(TestFiles.SamplesDirectory)!.FullName;
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(root, "src", "Pipeline.Stages"), "*.cs"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimStart();
                if (line.StartsWith("//", StringComparison.Ordinal)) continue;
                foreach (Match literal in StringLiteral().Matches(line))
                    if (AsciiPunctuationBetweenHan().IsMatch(literal.Value)) offenders.Add($"{Path.GetFileName(file)}:{i + 1}: {literal.Value}");
            }
        }
        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    /// <summary>One argument list per combination of enum values (every privacy mode, legacy format, release basis…).</summary>
    private static IEnumerable<object?[]> ArgumentSets(ParameterInfo[] parameters)
    {
        IEnumerable<object?[]> sets = [[]];
        foreach (var parameter in parameters)
        {
            var choices = Samples(parameter.ParameterType, parameter.Name ?? "").ToList();
            sets = sets.SelectMany(set => choices.Select(choice => set.Append(choice).ToArray()));
        }
        return sets;
    }

    private static IEnumerable<object?> Samples(Type type, string name)
    {
        if (type == typeof(string)) return ["某某"];
        if (type == typeof(int) || type == typeof(int?)) return [3];
        if (type == typeof(long)) return [20L * 1024 * 1024];
        if (type == typeof(decimal)) return [5m];
        if (type == typeof(IReadOnlyList<int>)) return [new List<int> { 3, 7 }];
        if (type == typeof(PublisherCandidate)) return [new PublisherCandidate("某某局", name == "chosen" ? "header" : "signature", 2)];
        if (type == typeof(IReadOnlyList<PersonalDataHit>)) return [new List<PersonalDataHit> { new("mobile", "18500000000", "185****0000", 4), new("email", "a@b.cn", "a***@b.cn", 5) }];
        if (type == typeof(TimelinessAssessment))
            return Enum.GetValues<ReleaseDateBasis>().SelectMany(basis => new[] { PublisherKind.Government, PublisherKind.Department }.SelectMany(kind => new[] { 2018, 2023 }.Select(year =>
                (object?)new TimelinessAssessment(new DateOnly(2024, 3, 4), new DateOnly(2024, 4, 2), basis, 21, [2023], true, year, kind, new DateOnly(year + 1, 3, 31), true))));
        if (type == typeof(Pipeline.Core.Statistics.TemplateRow)) return [Pipeline.Core.Statistics.StatisticsTemplate.ApplicationRows[0], Pipeline.Core.Statistics.StatisticsTemplate.ReviewRows[0]];
        if (type == typeof(Pipeline.Core.Statistics.TemplateColumn)) return [Pipeline.Core.Statistics.StatisticsTemplate.ApplicantColumns[1], Pipeline.Core.Statistics.StatisticsTemplate.Total];
        if (type.IsEnum) return Enum.GetValues(type).Cast<object?>();
        throw new InvalidOperationException($"no sample for a parameter of type {type}");
    }
}
