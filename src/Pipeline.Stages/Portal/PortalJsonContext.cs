using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Stages.Portal;

/// <summary>
/// Every type the portal API reads or answers, source-generated; <see cref="PortalJson.Options"/> resolves through it
/// (web naming, enums as camelCase names, nulls left out — the same settings as those options).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PortalIdentity))]
[JsonSerializable(typeof(UploadRequestBody))]
[JsonSerializable(typeof(UploadTicket))]
[JsonSerializable(typeof(UploadVerdict))]
[JsonSerializable(typeof(IReadOnlyList<ReportSummary>))]
[JsonSerializable(typeof(PreviewRequestBody))]
[JsonSerializable(typeof(PreviewLink))]
[JsonSerializable(typeof(PortalProblem))]
internal sealed partial class PortalJsonContext : JsonSerializerContext;
