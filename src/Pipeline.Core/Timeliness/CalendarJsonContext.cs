using System.Text.Json.Serialization;

namespace Pipeline.Core.Timeliness;

/// <summary>
/// Source-generated reader of the calendar files: every analysis loads the calendar, so a reflection-based read would
/// cost each cold CLI process its serializer warm-up (and needs reflection, which the trimmed CLI turns off).
/// </summary>
[JsonSerializable(typeof(CalendarFile))]
internal sealed partial class CalendarJsonContext : JsonSerializerContext;
