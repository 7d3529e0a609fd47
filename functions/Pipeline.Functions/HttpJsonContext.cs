using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Stages;

namespace Pipeline.Functions;

/// <summary>
/// Every type the HTTP functions read or answer, source-generated; <see cref="HttpJson.Options"/> resolves through it
/// (its converters and settings still apply).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpJson.Problem))]
[JsonSerializable(typeof(AdminFunctions.WithdrawBody))]
[JsonSerializable(typeof(AdminFunctions.ApproveBody))]
[JsonSerializable(typeof(PublishOutcome))]
[JsonSerializable(typeof(WithdrawOutcome))]
[JsonSerializable(typeof(ApprovalOutcome))]
[JsonSerializable(typeof(ReportStatus))]
[JsonSerializable(typeof(UploadStatus))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;
