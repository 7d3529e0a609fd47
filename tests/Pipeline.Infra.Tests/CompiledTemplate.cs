using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Infra.Tests;

/// <summary>infra/main.bicep compiled to ARM JSON by `bicep build`, once per test run.</summary>
public sealed partial class CompiledTemplate
{
    private static readonly Lazy<Task<CompiledTemplate>> Main = new(() => CompileAsync("infra/main.bicep"));

    public static Task<CompiledTemplate> MainAsync() => Main.Value;

    public JsonObject Root { get; }

    private CompiledTemplate(JsonObject root) => Root = root;

    private static async Task<CompiledTemplate> CompileAsync(string file)
    {
        var result = await Repository.RunAsync(Repository.Bicep, ["build", file, "--stdout"], Repository.Root);
        if (result.ExitCode != 0) throw new InvalidOperationException($"bicep build {file} failed:\n{result.StandardError}");
        return new CompiledTemplate(JsonNode.Parse(result.StandardOutput)!.AsObject());
    }

    /// <summary>A resource (or module) by its symbolic name (languageVersion 2.0 keeps resources as an object).</summary>
    public JsonObject Resource(string symbolicName)
    {
        var resources = Root["resources"] as JsonObject
            ?? throw new InvalidOperationException("Expected symbolic-name resources (languageVersion 2.0) in the compiled template.");
        return resources[symbolicName]?.AsObject() ?? throw new KeyNotFoundException($"No resource '{symbolicName}' in main.bicep");
    }

    /// <summary>The literal value a module is called with for one of its parameters.</summary>
    public JsonNode ModuleParameter(string module, string parameter) =>
        Resource(module)["properties"]?["parameters"]?[parameter]?["value"]
        ?? throw new KeyNotFoundException($"Module '{module}' is not given parameter '{parameter}'");

    public JsonNode? ParameterDefault(string parameter) => Root["parameters"]?[parameter]?["defaultValue"];

    /// <summary>A template variable with simple `[variables('x')]` references resolved (enough for name lists).</summary>
    public JsonNode Variable(string name)
    {
        var value = Root["variables"]?[name] ?? throw new KeyNotFoundException($"No variable '{name}' in main.bicep");
        return Resolve(value.DeepClone());
    }

    /// <summary>The value of a template output, with a simple `[variables('x')]` reference resolved.</summary>
    public JsonNode Output(string name)
    {
        var value = Root["outputs"]?[name]?["value"] ?? throw new KeyNotFoundException($"No output '{name}' in main.bicep");
        return Resolve(value.DeepClone());
    }

    private JsonNode Resolve(JsonNode node) => node switch
    {
        JsonArray array => new JsonArray(array.Select(item => item is null ? null : Resolve(item.DeepClone())).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) && VariableReference().Match(text) is { Success: true } match
            => Variable(match.Groups[1].Value),
        _ => node,
    };

    /// <summary>The parameter an expression such as [parameters('x')] or [string(parameters('x'))] passes through, if that is all it does.</summary>
    public static string? PassedParameter(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && ParameterPassThrough().Match(text) is { Success: true } match
            ? match.Groups[1].Value
            : null;

    [GeneratedRegex(@"^\[variables\('([A-Za-z0-9_]+)'\)\]$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\[(?:string\()?parameters\('([A-Za-z0-9_]+)'\)\)?\]$")]
    private static partial Regex ParameterPassThrough();
}
