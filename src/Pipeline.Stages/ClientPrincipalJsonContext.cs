using System.Text.Json.Serialization;

namespace Pipeline.Stages;

/// <summary>The JSON of the App Service principal header (<see cref="ClientPrincipal"/>): default options, source-generated.</summary>
[JsonSerializable(typeof(ClientPrincipal))]
internal sealed partial class ClientPrincipalJsonContext : JsonSerializerContext;
