using System.Text.Json.Serialization;

namespace Pipeline.Storage;

/// <summary>
/// Source-generated JSON of the storage adapters' small values (URL lists in the webhook outbox, agency aliases, the
/// agency file): default options, so the text is what the reflection-based serializer wrote before, and no
/// reflection at run time (the CLI turns it off; docs/benchmarks.md "CLI cold start").
/// </summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(AgencyFile))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
