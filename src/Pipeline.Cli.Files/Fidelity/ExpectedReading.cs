using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Cli.Fidelity;

/// <summary>
/// What a careful reader finds in one document: the ground truth the scorer compares the analyser with. Stored beside
/// the document as <c>&lt;name&gt;.expected.json</c> (format: tests/corpus/README.md). Null means "absent from the
/// document"; a field left out of the JSON altogether is not scored.
/// </summary>
public sealed record ExpectedReading
{
    public ExpectedSource? Source { get; init; }
    public string? Shape { get; init; }
    public JsonElement Title { get; init; }
    public JsonElement Publisher { get; init; }
    public JsonElement GeneratedDate { get; init; }
    public JsonElement ReleaseDate { get; init; }
    public JsonElement IndexCode { get; init; }
    public JsonElement PublicScope { get; init; }
    public IReadOnlyList<string>? Sections { get; init; }
    public int? Tables { get; init; }
    public IReadOnlyList<string>? MustContain { get; init; }
    public IReadOnlyList<string>? MustNotContain { get; init; }
    public bool? PrivateData { get; init; }

    /// <summary>The template statistics tables' cells (<see cref="StatisticsExpectation"/>); null: none can be read.</summary>
    public JsonElement Statistics { get; init; }

    public static ExpectedReading Load(string path) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(path), FidelityJsonContext.Default.ExpectedReading)
        ?? throw new InvalidDataException($"{path}: empty expectation");
}

/// <summary>Where the real document whose shape a test document reproduces was found.</summary>
public sealed record ExpectedSource(string? Repo, string? Path, string? Commit, string? Url);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ExpectedReading))]
[JsonSerializable(typeof(FidelityReport))]
internal sealed partial class FidelityJsonContext : JsonSerializerContext;
